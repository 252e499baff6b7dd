//! The wildcard patterns of group roles (`webpubsub.sendToGroups.chat-*`, §3.4 of protocols.md).

/// One element of a compiled pattern.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    Lit(char),
    /// `?`: one character other than `.`.
    One,
    /// `*`: any run of characters other than `.`.
    Star,
    /// `**`: any run at all.
    DoubleStar,
}

/// The service allows at most 5 `*` in a pattern (`**` counts as two).
const MAX_STARS: usize = 5;

/// Splits a pattern into tokens; `None` for a pattern the service rejects (a trailing `\`, or
/// more than [`MAX_STARS`] stars), which then matches nothing.
fn compile(pattern: &str) -> Option<Vec<Tok>> {
    let mut toks = Vec::new();
    let mut chars = pattern.chars().peekable();
    let mut stars = 0;
    while let Some(c) = chars.next() {
        match c {
            '\\' => toks.push(Tok::Lit(chars.next()?)),
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
    (stars <= MAX_STARS).then_some(toks)
}

/// Group-role wildcard patterns (§3.4): `?` is one character other than `.`, `*` any run of
/// characters other than `.`, `**` any run at all, `\` escapes. Case-sensitive.
///
/// Group names come from the network, so this must not backtrack: it simulates the pattern as
/// an NFA over token positions, one pass over the text, O(len(text) × len(pattern)) time and
/// O(len(pattern)) memory whatever the input.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let Some(toks) = compile(pattern) else {
        return false;
    };
    // `active[i]`: the text read so far can be matched by `toks[..i]`.
    let mut active = vec![false; toks.len() + 1];
    let mut next = vec![false; toks.len() + 1];
    active[0] = true;
    close_over_stars(&toks, &mut active);
    for c in text.chars() {
        next.fill(false);
        let mut any = false;
        for (i, tok) in toks.iter().enumerate() {
            if !active[i] {
                continue;
            }
            let (advance, stay) = match *tok {
                Tok::Lit(l) => (c == l, false),
                Tok::One => (c != '.', false),
                Tok::Star => (false, c != '.'),
                Tok::DoubleStar => (false, true),
            };
            next[i + 1] |= advance;
            next[i] |= stay;
            any |= advance || stay;
        }
        if !any {
            return false;
        }
        close_over_stars(&toks, &mut next);
        std::mem::swap(&mut active, &mut next);
    }
    active[toks.len()]
}

/// A star may match nothing: a position before a star also reaches the position after it.
/// Stars only lead forward, so one forward pass covers runs of them.
fn close_over_stars(toks: &[Tok], active: &mut [bool]) {
    for (i, tok) in toks.iter().enumerate() {
        if active[i] && matches!(tok, Tok::Star | Tok::DoubleStar) {
            active[i + 1] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The former backtracking matcher (exponential in the number of stars on some inputs),
    /// kept as the reference the linear one must agree with.
    fn reference_match(pattern: &str, text: &str) -> bool {
        let Some(toks) = compile(pattern) else {
            return false;
        };
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

    #[test]
    fn edge_cases() {
        assert!(wildcard_match("", ""));
        assert!(!wildcard_match("", "a"));
        assert!(wildcard_match("*", ""));
        assert!(wildcard_match("**", "a.b.c"));
        assert!(!wildcard_match("*", "a.b"));
        assert!(wildcard_match("a.**.z", "a..z"));
        assert!(wildcard_match(r"a\\b", r"a\b"));
        assert!(wildcard_match(r"\?", "?"));
        assert!(!wildcard_match(r"\?", "x"));
        // A trailing backslash escapes nothing: the pattern is invalid and matches nothing.
        assert!(!wildcard_match("a\\", "a"));
        assert!(!wildcard_match("a\\", "a\\"));
        // `**` counts as two stars: five in all is the most the service allows.
        assert!(wildcard_match("**.**.*", "x.y.z"));
        assert!(!wildcard_match("**.**.**", "x.y.z"));
        // Multi-byte characters are single characters for `?`.
        assert!(wildcard_match("?-é", "ß-é"));
    }

    /// The review's attack input: five stars separated by `-`, against a long run of `-` that a
    /// final `.` makes fail. Backtracking tries ~200^5 splits; this is one pass.
    #[test]
    fn star_heavy_pattern_on_a_long_failing_text_is_linear() {
        let text = format!("{}.", "-".repeat(200));
        assert!(!wildcard_match("*-*-*-*-*", &text));
        assert!(wildcard_match("*-*-*-*-*", &"-".repeat(200)));
        let long = format!("{}.", "-".repeat(100_000));
        assert!(!wildcard_match("*-*-*-*-*", &long));
        assert!(wildcard_match("**-**-*", &long[..long.len() - 1]));
    }

    fn pattern_strategy() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!["a", "b", ".", "?", "*", "**", "\\", "\\*", "\\?"]),
            0..8,
        )
        .prop_map(|parts| parts.concat())
    }

    fn text_strategy() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec!['a', 'b', '.', '*', '?', '\\']),
            0..12,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn agrees_with_the_backtracking_reference(
            pattern in pattern_strategy(),
            text in text_strategy(),
        ) {
            prop_assert_eq!(
                wildcard_match(&pattern, &text),
                reference_match(&pattern, &text),
                "pattern {:?}, text {:?}", pattern, text
            );
        }

        /// Texts built to match: a pattern with its wildcards filled in must match (the random
        /// texts above rarely do).
        #[test]
        fn agrees_on_texts_that_match(
            pattern in pattern_strategy(),
            fills in prop::collection::vec(text_strategy(), 8),
        ) {
            let Some(toks) = compile(&pattern) else { return Ok(()) };
            let mut text = String::new();
            for (tok, fill) in toks.iter().zip(fills.iter().cycle()) {
                match tok {
                    Tok::Lit(c) => text.push(*c),
                    Tok::One => text.push('x'),
                    Tok::Star => text.extend(fill.chars().filter(|c| *c != '.')),
                    Tok::DoubleStar => text.push_str(fill),
                }
            }
            prop_assert!(reference_match(&pattern, &text), "construction: {:?} {:?}", pattern, text);
            prop_assert!(wildcard_match(&pattern, &text), "pattern {:?}, text {:?}", pattern, text);
        }
    }
}
