//! The wildcard patterns of group roles (`webpubsub.sendToGroups.chat-*`, §3.4 of protocols.md).

/// Group-role wildcard patterns (§3.4): `?` is one character other than `.`, `*` any run of
/// characters other than `.`, `**` any run at all, `\` escapes. Case-sensitive.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    #[derive(Clone, Copy)]
    enum Tok {
        Lit(char),
        One,
        Star,
        DoubleStar,
    }
    let mut toks = Vec::new();
    let mut chars = pattern.chars().peekable();
    let mut stars = 0;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e) => toks.push(Tok::Lit(e)),
                None => return false,
            },
            '?' => toks.push(Tok::One),
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                stars += 2;
                toks.push(Tok::DoubleStar);
            }
            '*' => {
                stars += 1;
                toks.push(Tok::Star);
            }
            c => toks.push(Tok::Lit(c)),
        }
    }
    // The service allows at most 5 `*`: it keeps the backtracking below cheap.
    if stars > 5 {
        return false;
    }
    let text: Vec<char> = text.chars().collect();
    fn go(toks: &[Tok], text: &[char]) -> bool {
        match toks.split_first() {
            None => text.is_empty(),
            Some((Tok::Lit(c), rest)) => text.first() == Some(c) && go(rest, &text[1..]),
            Some((Tok::One, rest)) => {
                matches!(text.first(), Some(c) if *c != '.') && go(rest, &text[1..])
            }
            Some((Tok::Star, rest)) => {
                let run = text.iter().take_while(|c| **c != '.').count();
                (0..=run).any(|n| go(rest, &text[n..]))
            }
            Some((Tok::DoubleStar, rest)) => (0..=text.len()).any(|n| go(rest, &text[n..])),
        }
    }
    go(&toks, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_patterns_follow_the_docs() {
        assert!(wildcard_match("chat-*", "chat-1"));
        assert!(!wildcard_match("chat-*", "chat.1"));
        assert!(wildcard_match("clientA.*", "clientA.alpha"));
        assert!(!wildcard_match("clientA.*", "clientA.alpha.room1"));
        assert!(wildcard_match("clientA.**", "clientA.alpha.room1"));
        assert!(wildcard_match("clientA.rooms.?1", "clientA.rooms.a1"));
        assert!(!wildcard_match("clientA.rooms.?1", "clientA.rooms.1"));
        assert!(wildcard_match(r"literal\*star", "literal*star"));
        assert!(!wildcard_match(r"literal\*star", "literalXstar"));
        assert!(!wildcard_match("a*b*c*d*e*f*", "abcdef"));
    }
}
