//! Property tests: `parse` never panics, limits hold for any nesting, and
//! generated filters evaluate as a naive reference evaluator says.

use proptest::prelude::*;

use super::*;

// --- a naive reference: the filter as a tree, printed and evaluated -------

/// A string expression. `None` from [`RefStr::eval`] is `null`.
#[derive(Debug, Clone)]
enum RefStr {
    UserId,
    ConnectionId,
    Null,
    Lit(String),
    ToLower(Box<RefStr>),
    ToUpper(Box<RefStr>),
    Trim(Box<RefStr>),
    Concat(Box<RefStr>, Box<RefStr>),
    Substring(Box<RefStr>, usize, Option<usize>),
}

#[derive(Debug, Clone, Copy)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

#[derive(Debug, Clone, Copy)]
enum Test {
    StartsWith,
    EndsWith,
    Contains,
}

/// A boolean expression. `None` from [`RefBool::eval`] is `null`.
#[derive(Debug, Clone)]
enum RefBool {
    Lit(Option<bool>),
    Not(Box<RefBool>),
    And(Box<RefBool>, Box<RefBool>),
    Or(Box<RefBool>, Box<RefBool>),
    CmpStr(Op, RefStr, RefStr),
    CmpBool(Op, Box<RefBool>, Box<RefBool>),
    Length(Op, RefStr, i64),
    IndexOf(Op, RefStr, RefStr, i64),
    GroupCount(Op, i64),
    InGroups(RefStr),
    InList(RefStr, Vec<RefStr>),
    Test(Test, RefStr, RefStr),
}

/// How names and keywords are spelled: they are case-insensitive.
#[derive(Debug, Clone, Copy)]
struct Style {
    case: u8,
    sep: &'static str,
}

impl Style {
    fn word(self, w: &str) -> String {
        match self.case {
            0 => w.to_string(),
            1 => w.to_ascii_uppercase(),
            _ => w
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect(),
        }
    }
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn op_word(op: Op) -> &'static str {
    match op {
        Op::Eq => "eq",
        Op::Ne => "ne",
        Op::Gt => "gt",
        Op::Ge => "ge",
        Op::Lt => "lt",
        Op::Le => "le",
    }
}

/// OData's comparison of two possibly-null values.
fn op_apply<T: Ord + ?Sized>(op: Op, l: Option<&T>, r: Option<&T>) -> bool {
    match (l, r) {
        (Some(l), Some(r)) => match op {
            Op::Eq => l == r,
            Op::Ne => l != r,
            Op::Gt => l > r,
            Op::Ge => l >= r,
            Op::Lt => l < r,
            Op::Le => l <= r,
        },
        (None, None) => matches!(op, Op::Eq),
        _ => matches!(op, Op::Ne),
    }
}

impl RefStr {
    fn print(&self, st: Style) -> String {
        let call = |name: &str, args: &[String]| {
            format!("{}({})", st.word(name), args.join(&format!(",{}", st.sep)))
        };
        match self {
            RefStr::UserId => st.word("userId"),
            RefStr::ConnectionId => st.word("connectionId"),
            RefStr::Null => st.word("null"),
            RefStr::Lit(s) => quote(s),
            RefStr::ToLower(a) => call("tolower", &[a.print(st)]),
            RefStr::ToUpper(a) => call("toupper", &[a.print(st)]),
            RefStr::Trim(a) => call("trim", &[a.print(st)]),
            RefStr::Concat(a, b) => call("concat", &[a.print(st), b.print(st)]),
            RefStr::Substring(a, start, None) => {
                call("substring", &[a.print(st), start.to_string()])
            }
            RefStr::Substring(a, start, Some(len)) => call(
                "substring",
                &[a.print(st), start.to_string(), len.to_string()],
            ),
        }
    }

    fn eval(&self, s: &Subject<'_>) -> Option<String> {
        Some(match self {
            RefStr::UserId => s.user_id?.to_string(),
            RefStr::ConnectionId => s.connection_id.to_string(),
            RefStr::Null => return None,
            RefStr::Lit(v) => v.clone(),
            RefStr::ToLower(a) => a.eval(s)?.to_lowercase(),
            RefStr::ToUpper(a) => a.eval(s)?.to_uppercase(),
            RefStr::Trim(a) => a.eval(s)?.trim().to_string(),
            RefStr::Concat(a, b) => a.eval(s)? + &b.eval(s)?,
            RefStr::Substring(a, start, len) => {
                let v = a.eval(s)?;
                let chars = v.chars().skip(*start);
                match len {
                    Some(n) => chars.take(*n).collect(),
                    None => chars.collect(),
                }
            }
        })
    }
}

impl RefBool {
    fn print(&self, st: Style) -> String {
        let sep = st.sep;
        match self {
            RefBool::Lit(Some(true)) => st.word("true"),
            RefBool::Lit(Some(false)) => st.word("false"),
            RefBool::Lit(None) => st.word("null"),
            RefBool::Not(a) => format!("{}{sep}({})", st.word("not"), a.print(st)),
            RefBool::And(a, b) => {
                format!(
                    "({}){sep}{}{sep}({})",
                    a.print(st),
                    st.word("and"),
                    b.print(st)
                )
            }
            RefBool::Or(a, b) => {
                format!(
                    "({}){sep}{}{sep}({})",
                    a.print(st),
                    st.word("or"),
                    b.print(st)
                )
            }
            RefBool::CmpStr(op, a, b) => {
                format!(
                    "{}{sep}{}{sep}{}",
                    a.print(st),
                    st.word(op_word(*op)),
                    b.print(st)
                )
            }
            RefBool::CmpBool(op, a, b) => format!(
                "({}){sep}{}{sep}({})",
                a.print(st),
                st.word(op_word(*op)),
                b.print(st)
            ),
            RefBool::Length(op, a, n) => format!(
                "{}({}){sep}{}{sep}{n}",
                st.word("length"),
                a.print(st),
                st.word(op_word(*op))
            ),
            RefBool::IndexOf(op, a, b, n) => format!(
                "{}({},{}){sep}{}{sep}{n}",
                st.word("indexof"),
                a.print(st),
                b.print(st),
                st.word(op_word(*op))
            ),
            RefBool::GroupCount(op, n) => format!(
                "{}({}){sep}{}{sep}{n}",
                st.word("length"),
                st.word("groups"),
                st.word(op_word(*op))
            ),
            RefBool::InGroups(a) => {
                format!(
                    "{}{sep}{}{sep}{}",
                    a.print(st),
                    st.word("in"),
                    st.word("groups")
                )
            }
            RefBool::InList(a, items) => {
                let items: Vec<String> = items.iter().map(|i| i.print(st)).collect();
                format!(
                    "{}{sep}{}{sep}({})",
                    a.print(st),
                    st.word("in"),
                    items.join(",")
                )
            }
            RefBool::Test(t, a, b) => {
                let name = match t {
                    Test::StartsWith => "startswith",
                    Test::EndsWith => "endswith",
                    Test::Contains => "contains",
                };
                format!("{}({},{})", st.word(name), a.print(st), b.print(st))
            }
        }
    }

    fn eval(&self, s: &Subject<'_>) -> Option<bool> {
        match self {
            RefBool::Lit(v) => *v,
            RefBool::Not(a) => a.eval(s).map(|v| !v),
            // Kleene logic.
            RefBool::And(a, b) => match (a.eval(s), b.eval(s)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            RefBool::Or(a, b) => match (a.eval(s), b.eval(s)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
            RefBool::CmpStr(op, a, b) => {
                Some(op_apply(*op, a.eval(s).as_deref(), b.eval(s).as_deref()))
            }
            RefBool::CmpBool(op, a, b) => {
                Some(op_apply(*op, a.eval(s).as_ref(), b.eval(s).as_ref()))
            }
            RefBool::Length(op, a, n) => {
                let len = a.eval(s).map(|v| v.chars().count() as i64);
                Some(op_apply(*op, len.as_ref(), Some(n)))
            }
            RefBool::IndexOf(op, a, b, n) => {
                let at = match (a.eval(s), b.eval(s)) {
                    (Some(a), Some(b)) => Some(match a.find(&b) {
                        Some(byte) => a[..byte].chars().count() as i64,
                        None => -1,
                    }),
                    _ => None,
                };
                Some(op_apply(*op, at.as_ref(), Some(n)))
            }
            RefBool::GroupCount(op, n) => {
                Some(op_apply(*op, Some(&(s.groups.len() as i64)), Some(n)))
            }
            RefBool::InGroups(a) => Some(a.eval(s).is_some_and(|v| s.groups.contains(&&*v))),
            RefBool::InList(a, items) => {
                let v = a.eval(s);
                Some(items.iter().any(|i| i.eval(s) == v))
            }
            RefBool::Test(t, a, b) => {
                let (a, b) = (a.eval(s)?, b.eval(s)?);
                Some(match t {
                    Test::StartsWith => a.starts_with(&b),
                    Test::EndsWith => a.ends_with(&b),
                    Test::Contains => a.contains(&b),
                })
            }
        }
    }
}

// --- strategies -------------------------------------------------------------

/// Short strings over an alphabet that exercises quoting, case mapping (`İ`
/// and `ß` change length), trimming and multi-byte chars.
fn small_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            'a', 'b', 'A', 'B', '\'', ' ', '\t', 'é', 'İ', 'ß', '日', '🙂', '1',
        ]),
        0..5,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn op() -> impl Strategy<Value = Op> {
    prop::sample::select(vec![Op::Eq, Op::Ne, Op::Gt, Op::Ge, Op::Lt, Op::Le])
}

fn ref_str() -> impl Strategy<Value = RefStr> {
    let leaf = prop_oneof![
        Just(RefStr::UserId),
        Just(RefStr::ConnectionId),
        Just(RefStr::Null),
        small_string().prop_map(RefStr::Lit),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|a| RefStr::ToLower(Box::new(a))),
            inner.clone().prop_map(|a| RefStr::ToUpper(Box::new(a))),
            inner.clone().prop_map(|a| RefStr::Trim(Box::new(a))),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| RefStr::Concat(Box::new(a), Box::new(b))),
            (inner, 0usize..4, prop::option::of(0usize..4))
                .prop_map(|(a, start, len)| RefStr::Substring(Box::new(a), start, len)),
        ]
    })
}

fn ref_bool() -> impl Strategy<Value = RefBool> {
    let leaf = prop_oneof![
        prop::option::of(any::<bool>()).prop_map(RefBool::Lit),
        (op(), ref_str(), ref_str()).prop_map(|(o, a, b)| RefBool::CmpStr(o, a, b)),
        (op(), ref_str(), -1i64..6).prop_map(|(o, a, n)| RefBool::Length(o, a, n)),
        (op(), ref_str(), ref_str(), -2i64..4)
            .prop_map(|(o, a, b, n)| RefBool::IndexOf(o, a, b, n)),
        (op(), 0i64..4).prop_map(|(o, n)| RefBool::GroupCount(o, n)),
        ref_str().prop_map(RefBool::InGroups),
        (ref_str(), prop::collection::vec(ref_str(), 1..4))
            .prop_map(|(a, items)| RefBool::InList(a, items)),
        (
            prop::sample::select(vec![Test::StartsWith, Test::EndsWith, Test::Contains]),
            ref_str(),
            ref_str()
        )
            .prop_map(|(t, a, b)| RefBool::Test(t, a, b)),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|a| RefBool::Not(Box::new(a))),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| RefBool::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| RefBool::Or(Box::new(a), Box::new(b))),
            (op(), inner.clone(), inner).prop_map(|(o, a, b)| RefBool::CmpBool(
                o,
                Box::new(a),
                Box::new(b)
            )),
        ]
    })
}

fn style() -> impl Strategy<Value = Style> {
    (0u8..3, prop::sample::select(vec![" ", "  ", "\t", " \n "]))
        .prop_map(|(case, sep)| Style { case, sep })
}

/// A connection: user id (or none), connection id and groups.
fn subject_parts() -> impl Strategy<Value = (Option<String>, String, Vec<String>)> {
    (
        prop::option::of(small_string()),
        small_string(),
        prop::collection::vec(small_string(), 0..4),
    )
}

/// Characters that make up filters, and some that must be refused.
fn filter_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            '(', ')', ',', '\'', ' ', 'a', 'n', 'o', 't', 'e', 'q', '0', '-', '+', 'İ', '🙂',
        ]),
        1 => any::<char>(),
    ]
}

const TOKENS: &[&str] = &[
    "(",
    ")",
    ",",
    "'",
    "''",
    "'a'",
    "'日🙂'",
    "userId",
    "connectionId",
    "groups",
    "foo",
    "eq",
    "ne",
    "gt",
    "le",
    "and",
    "or",
    "not",
    "in",
    "true",
    "false",
    "null",
    "0",
    "-1",
    "99999999999999999999",
    "tolower",
    "trim",
    "substring",
    "concat",
    "indexof",
    "length",
    "startswith",
    "contains",
    "&",
    ".",
    "é",
    " ",
];

/// A rejected filter's error has the service's shape and a position inside it.
fn check_error(input: &str, e: &FilterError) -> Result<(), TestCaseError> {
    prop_assert!(e.position <= input.chars().count().min(MAX_FILTER_LEN));
    prop_assert!(
        e.message.starts_with("Invalid syntax for '"),
        "{}",
        e.message
    );
    prop_assert!(
        e.message.ends_with(". (Parameter 'filter')"),
        "{}",
        e.message
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn parse_never_panics_on_any_string(input in ".{0,64}", (user, conn, groups) in subject_parts()) {
        let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
        let subject = Subject { connection_id: &conn, user_id: user.as_deref(), groups: &groups };
        match parse(&input) {
            Ok(f) => { let _ = f.matches(&subject); }
            Err(e) => check_error(&input, &e)?,
        }
    }

    #[test]
    fn parse_never_panics_on_filter_like_text(
        chars in prop::collection::vec(filter_char(), 0..80),
        tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..24),
        joined in any::<bool>(),
    ) {
        let raw: String = chars.into_iter().collect();
        let soup = tokens.join(if joined { "" } else { " " });
        for input in [raw, soup] {
            match parse(&input) {
                Ok(f) => {
                    let _ = f.matches(&Subject { connection_id: "c", user_id: Some("u"), groups: &["g"] });
                }
                Err(e) => check_error(&input, &e)?,
            }
        }
    }

    /// Any nesting past MAX_DEPTH is refused with the depth (or length) error,
    /// whatever the shape; within it, the nested filter parses.
    #[test]
    fn nesting_is_bounded(
        // (opening unit, innermost operand, closing unit, tail, levels per unit)
        shape in prop::sample::select(vec![
            ("(", "true", ")", "", 1),
            ("not ", "true", "", "", 1),
            ("not (", "true", ")", "", 2),
            ("tolower(", "userId", ")", " eq 'a'", 1),
            ("(true eq ", "true", ")", "", 1),
            ("'a' in (", "'a'", ")", "", 1),
        ]),
        repeats in prop_oneof![0usize..=120, 0usize..3000],
    ) {
        let (open, inner, close, tail, levels) = shape;
        let input = format!("{}{inner}{}{tail}", open.repeat(repeats), close.repeat(repeats));
        let depth = repeats * levels;
        match parse(&input) {
            Ok(_) => prop_assert!(depth <= MAX_DEPTH, "depth {} accepted", depth),
            Err(e) => {
                check_error(&input, &e)?;
                if depth > MAX_DEPTH {
                    prop_assert!(
                        e.message.contains("nested more than 100 levels")
                            || e.message.contains("exceeds the maximum length"),
                        "{}", e.message
                    );
                } else {
                    // Only `'a' in (…)` is ill-typed: a bare `'a'` is no
                    // filter, and `'a' in ('a' in (…))` compares a string with a bool.
                    prop_assert!(open == "'a' in (" && repeats != 1, "{}", e.message);
                }
            }
        }
    }

    /// Generated well-formed filters parse (in any keyword case and spacing)
    /// and select exactly the connections the reference evaluator selects.
    #[test]
    fn evaluation_agrees_with_a_reference(
        filter in ref_bool(),
        st in style(),
        subjects in prop::collection::vec(subject_parts(), 1..4),
    ) {
        let text = filter.print(st);
        let parsed = match parse(&text) {
            Ok(f) => f,
            Err(e) => return Err(TestCaseError::fail(format!("{text:?}: {}", e.message))),
        };
        for (user, conn, groups) in &subjects {
            let groups: Vec<&str> = groups.iter().map(String::as_str).collect();
            let subject = Subject { connection_id: conn, user_id: user.as_deref(), groups: &groups };
            let want = filter.eval(&subject) == Some(true);
            prop_assert_eq!(parsed.matches(&subject), want, "{:?} on {:?}", text, subject);
        }
    }
}
