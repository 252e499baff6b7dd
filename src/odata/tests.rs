//! Unit tests of the filter language through the public API.

use super::*;

const GROUPS: &[&str] = &["group1", "Group2", "g3"];

fn user<'a>(id: Option<&'a str>, groups: &'a [&'a str]) -> Subject<'a> {
    Subject {
        connection_id: "conn-1",
        user_id: id,
        groups,
    }
}

fn check(filter: &str, subject: &Subject<'_>) -> bool {
    match parse(filter) {
        Ok(f) => f.matches(subject),
        Err(e) => panic!("{filter:?} failed to parse: {e}"),
    }
}

/// Evaluates `filter` for user `u1` in [`GROUPS`].
fn u1(filter: &str) -> bool {
    check(filter, &user(Some("u1"), GROUPS))
}

/// Evaluates `filter` for an anonymous connection in no group.
fn anon(filter: &str) -> bool {
    check(filter, &user(None, &[]))
}

fn err(filter: &str) -> FilterError {
    match parse(filter) {
        Ok(f) => panic!("{filter:?} parsed unexpectedly: {f:?}"),
        Err(e) => e,
    }
}

fn err_pos(filter: &str) -> usize {
    err(filter).position
}

fn syntax_msg(filter: &str, pos: usize) -> String {
    format!(
        "Invalid syntax for '{filter}': Syntax error at position {pos} in '{filter}'. (Parameter 'filter')"
    )
}

// --- documented examples -------------------------------------------

#[test]
fn documented_examples() {
    let f = "'group1' in groups or 'group2' in groups";
    assert!(check(f, &user(Some("a"), &["group2"])));
    assert!(check(f, &user(Some("a"), &["x", "group1"])));
    assert!(!check(f, &user(Some("a"), &["group3"])));
    assert!(!check(f, &user(Some("a"), &[])));

    let f = "userId in ('user1','user2','user3') and 'group1' in groups";
    assert!(check(f, &user(Some("user2"), &["group1"])));
    assert!(!check(f, &user(Some("user2"), &["group2"])));
    assert!(!check(f, &user(Some("user4"), &["group1"])));
    assert!(!check(f, &user(None, &["group1"])));

    let f = "userId eq 'user1' and connectionId ne '123'";
    let s = |cid| Subject {
        connection_id: cid,
        user_id: Some("user1"),
        groups: &[],
    };
    assert!(check(f, &s("456")));
    assert!(!check(f, &s("123")));

    let f = "userId eq 'user1' and (not ('group1' in groups))";
    assert!(check(f, &user(Some("user1"), &["group2"])));
    assert!(!check(f, &user(Some("user1"), &["group1"])));
    assert!(!check(f, &user(Some("user2"), &[])));

    let f = "startswith(userId, 'listener-')";
    assert!(check(f, &user(Some("listener-7"), &[])));
    assert!(!check(f, &user(Some("talker-7"), &[])));
    assert!(!check(f, &user(None, &[])));

    let f = "userId eq null or userId eq 'vic''s' or length(userId) gt 3";
    assert!(check(f, &user(None, &[])));
    assert!(check(f, &user(Some("vic's"), &[])));
    assert!(check(f, &user(Some("abcd"), &[])));
    assert!(!check(f, &user(Some("abc"), &[])));

    // From the operator table of the reference page.
    assert!(u1("length(userId) le 10 and length(userId) gt 1"));
    assert!(!u1("not endswith(userId, '1')"));
    assert!(check("userId eq 'user''1'", &user(Some("user'1"), &[])));
    assert!(check(
        "substring(userId,5,2) eq 'ab'",
        &user(Some("user-ab-de"), &[])
    ));
    assert!(check(
        "indexof(userId,'-ab-') ge 0",
        &user(Some("user-ab-de"), &[])
    ));
    assert!(check(
        "trim(userId) eq 'user1'",
        &user(Some(" user1 "), &[])
    ));
    assert!(u1("length(groups) gt 1"));
}

// --- operators -------------------------------------------------------

#[test]
fn comparison_operators_on_ints() {
    for (op, expect) in [
        ("eq", [false, true, false]),
        ("ne", [true, false, true]),
        ("gt", [false, false, true]),
        ("ge", [false, true, true]),
        ("lt", [true, false, false]),
        ("le", [true, true, false]),
    ] {
        // length('u1') is 2; compare against 3, 2, 1.
        for (rhs, want) in [3, 2, 1].into_iter().zip(expect) {
            assert_eq!(
                u1(&format!("length(userId) {op} {rhs}")),
                want,
                "{op} {rhs}"
            );
        }
    }
    assert!(u1("-1 lt +1"));
    assert!(u1("0 eq -0"));
    assert!(u1("007 eq 7"));
    assert!(u1("9223372036854775807 gt -9223372036854775808"));
}

#[test]
fn comparison_operators_on_strings_are_ordinal() {
    assert!(u1("userId eq 'u1'"));
    assert!(!u1("userId eq 'U1'"));
    assert!(u1("userId ne 'U1'"));
    assert!(u1("userId gt 'u0'"));
    assert!(u1("userId ge 'u1'"));
    assert!(u1("userId lt 'u2'"));
    assert!(u1("userId le 'u1'"));
    assert!(u1("'B' lt 'a'"));
    assert!(u1("'u1' eq userId"));
    assert!(u1("connectionId eq 'conn-1'"));
}

#[test]
fn comparison_operators_on_bools() {
    assert!(u1("true eq true"));
    assert!(u1("false ne true"));
    assert!(u1("false lt true"));
    assert!(u1("startswith(userId, 'u') eq true"));
    assert!(u1("(userId eq 'x') eq false"));
    assert!(u1("('g3' in groups) eq true"));
}

#[test]
fn logical_operators() {
    assert!(u1("true and true"));
    assert!(!u1("true and false"));
    assert!(u1("false or true"));
    assert!(!u1("false or false"));
    assert!(u1("not false"));
    assert!(!u1("not true"));
    assert!(u1("not not true"));
    assert!(u1("true and true and true and true"));
    assert!(!u1("true and true and false and true"));
    assert!(u1("false or false or false or true"));
    assert!(u1("true"));
    assert!(!u1("false"));
}

#[test]
fn precedence() {
    // `and` binds tighter than `or`.
    assert!(u1("true or false and false"));
    assert!(!u1("(true or false) and false"));
    assert!(u1("false and false or true"));
    // `not` binds tighter than `and`/`or`.
    assert!(!u1("not true or false"));
    assert!(!u1("not false and false"));
    assert!(u1("not (false and false)"));
    // Comparisons bind tighter than `and`/`or`.
    assert!(u1(
        "userId eq 'x' or userId eq 'u1' and length(userId) eq 2"
    ));
    // The documented equivalence.
    for id in ["", "ab", "abcde", "abcdefgh", "abcdefghijk"] {
        let s = user(Some(id), &[]);
        assert_eq!(
            check("length(userId) gt 0 and length(userId) lt 3 or length(userId) gt 7 and length(userId) lt 10", &s),
            check("((length(userId) gt 0) and (length(userId) lt 3)) or ((length(userId) gt 7) and (length(userId) lt 10))", &s),
            "{id}"
        );
    }
    // `not` binds tighter than comparisons: the operand of `not` is an int.
    let e = err("not length(userId) gt 5");
    assert_eq!(
        e.message,
        "Invalid syntax for 'not length(userId)': Type 'int', expect 'bool'. (Parameter 'filter')"
    );
    assert_eq!(e.position, 4);
    assert!(anon("not (length(userId) gt 5)"));
    assert!(!check(
        "not (length(userId) gt 5)",
        &user(Some("abcdef"), &[])
    ));
    // `not` applied to a boolean compares fine: (not true) eq false.
    assert!(u1("not true eq false"));
}

// --- functions -------------------------------------------------------

#[test]
fn case_functions() {
    let s = user(Some("MiXed-Ünï"), &[]);
    assert!(check("tolower(userId) eq 'mixed-ünï'", &s));
    assert!(check("toupper(userId) eq 'MIXED-ÜNÏ'", &s));
    assert!(u1("tolower(userId) eq 'u1'"));
    assert!(u1("toupper(userId) eq 'U1'"));
    assert!(u1("toupper('straße') eq 'STRASSE'"));
    assert!(u1("tolower('ΟΔΟΣ') eq 'οδος'"));
    assert!(u1("tolower(toupper(userId)) eq userId"));
}

#[test]
fn trim_substring_concat() {
    assert!(check(
        "trim(userId) eq 'x y'",
        &user(Some(" \tx y\n "), &[])
    ));
    assert!(u1("trim('  ') eq ''"));
    let s = user(Some("héllo-wörld"), &[]);
    assert!(check("substring(userId, 0) eq userId", &s));
    assert!(check("substring(userId, 6) eq 'wörld'", &s));
    assert!(check("substring(userId, 1, 4) eq 'éllo'", &s));
    assert!(check("substring(userId, 1, 0) eq ''", &s));
    assert!(check("substring(userId, 11) eq ''", &s));
    assert!(check("substring(userId, 50) eq ''", &s));
    assert!(check("substring(userId, 8, 50) eq 'rld'", &s));
    assert!(check("substring(userId, +1, +1) eq 'é'", &s));
    assert!(u1("concat(userId, '-x') eq 'u1-x'"));
    assert!(u1("concat('', userId) eq 'u1'"));
    assert!(u1("concat(userId, '') eq 'u1'"));
    assert!(u1("concat(concat('a', 'b'), 'c') eq 'abc'"));
    assert!(u1("concat('g', '3') in groups"));
}

#[test]
fn search_functions() {
    let s = user(Some("user-ab-de"), &[]);
    assert!(check("indexof(userId, 'ab') eq 5", &s));
    assert!(check("indexof(userId, 'zz') eq -1", &s));
    assert!(check("indexof(userId, '') eq 0", &s));
    assert!(check("indexof('日本語', '語') eq 2", &s));
    assert!(check("startswith(userId, 'user-')", &s));
    assert!(!check("startswith(userId, 'ab')", &s));
    assert!(check("endswith(userId, '-de')", &s));
    assert!(!check("endswith(userId, 'ab')", &s));
    assert!(check("contains(userId, '-ab-')", &s));
    assert!(!check("contains(userId, 'AB')", &s));
    assert!(check("contains(userId, '')", &s));
}

#[test]
fn length_of_strings_and_groups() {
    assert!(u1("length(userId) eq 2"));
    assert!(u1("length('日本語') eq 3"));
    assert!(u1("length('') eq 0"));
    assert!(u1("length(groups) eq 3"));
    assert!(anon("length(groups) eq 0"));
    assert!(u1("length(connectionId) eq 6"));
}

#[test]
fn constant_calls_are_folded() {
    let f = parse("tolower('ABC') eq 'abc'").map(|f| format!("{f:?}"));
    assert!(matches!(f.as_deref(), Ok(d) if d.contains("Lit(\"abc\")") && !d.contains("ToLower")));
    let f = parse("length('abc') eq 3").map(|f| format!("{f:?}"));
    assert!(matches!(f.as_deref(), Ok(d) if d.contains("Lit(3)")));
    let f = parse("startswith('abc', 'a')").map(|f| format!("{f:?}"));
    assert!(matches!(f.as_deref(), Ok(d) if d.contains("Const(Some(true))")));
    // A constant expression is accepted as a substring offset.
    assert!(check(
        "substring(userId, length('ab')) eq 'c'",
        &user(Some("abc"), &[])
    ));
}

// --- null semantics --------------------------------------------------

#[test]
fn null_semantics() {
    assert!(anon("userId eq null"));
    assert!(!u1("userId eq null"));
    assert!(u1("userId ne null"));
    assert!(!anon("userId ne null"));
    assert!(anon("null eq userId"));
    assert!(u1("null eq null"));
    assert!(!u1("null ne null"));
    // Ordering with null is false both ways.
    assert!(!anon("userId gt 'a'"));
    assert!(!anon("userId le 'a'"));
    assert!(!anon("length(userId) gt 3"));
    assert!(!anon("length(userId) le 3"));
    assert!(!u1("userId gt null"));
    assert!(!u1("null le null"));
    // Functions of null are null.
    assert!(anon("length(userId) eq null"));
    assert!(anon("tolower(userId) eq null"));
    assert!(anon("concat(userId, 'x') eq null"));
    assert!(anon("indexof(userId, 'x') eq null"));
    assert!(anon("substring(userId, 1) eq null"));
    assert!(u1("length(null) eq null"));
    assert!(anon("startswith(userId, 'a') eq null"));
    // A null boolean is false at the top, and `not null` is null.
    assert!(!anon("startswith(userId, 'a')"));
    assert!(!anon("not startswith(userId, 'a')"));
    assert!(!u1("null"));
    assert!(!u1("not null"));
    // Kleene logic.
    assert!(anon("startswith(userId, 'a') or true"));
    assert!(!anon("startswith(userId, 'a') or false"));
    assert!(!anon("startswith(userId, 'a') and true"));
    assert!(anon("not (startswith(userId, 'a') and false)"));
    assert!(!anon("not (startswith(userId, 'a') and true)"));
    // Comparison results are never null.
    assert!(anon("not (userId eq 'a')"));
    assert!(anon("not ('a' in groups)"));
    assert!(!anon("userId in groups"));
}

// --- in --------------------------------------------------------------

#[test]
fn in_with_lists() {
    assert!(u1("userId in ('u1')"));
    assert!(u1("userId in ('a', 'u1', 'b')"));
    assert!(!u1("userId in ('a', 'U1', 'b')"));
    assert!(!anon("userId in ('a', 'b')"));
    assert!(anon("userId in ('a', null)"));
    assert!(u1("userId in (null, 'u1')"));
    assert!(u1("null in (null)"));
    assert!(!u1("null in ('a')"));
    // Non-literal items take the general path.
    assert!(u1("userId in (connectionId, concat('u', '1'))"));
    assert!(u1("'conn-1' in (userId, connectionId)"));
    assert!(u1("tolower(userId) in (toupper(userId), 'u1')"));
    assert!(u1("length(userId) in (1, 2, 3)"));
    assert!(!u1("length(userId) in (1, null)"));
    assert!(u1("true in (false, startswith(userId, 'u'))"));
    assert!(u1("userId in ( 'x' , ( 'u1' ) )"));
    let many: Vec<String> = (0..200).map(|i| format!("'user{i}'")).collect();
    let f = format!("userId in ({})", many.join(","));
    assert!(check(&f, &user(Some("user150"), &[])));
    assert!(!check(&f, &user(Some("user200"), &[])));
}

#[test]
fn in_with_groups() {
    assert!(u1("'group1' in groups"));
    assert!(u1("'Group2' in groups"));
    assert!(!u1("'group2' in groups"));
    assert!(u1("'g3' in (groups)"));
    assert!(u1("'g3' in ((groups))"));
    assert!(!u1("'g4' in (groups)"));
    assert!(!anon("'group1' in groups"));
    assert!(check("userId in groups", &user(Some("g3"), GROUPS)));
    assert!(!u1("userId in groups"));
    assert!(!u1("null in groups"));
    assert!(u1("not ('g4' in groups)"));
}

// --- lexical details -------------------------------------------------

#[test]
fn case_insensitive_names() {
    assert!(u1("USERID EQ 'u1' AND 'g3' IN GROUPS"));
    assert!(u1("UserId Eq 'u1' Or False"));
    assert!(u1("NOT (userid NE 'u1')"));
    assert!(u1("StartsWith(USERID, 'u') and LENGTH(Groups) Ge 3"));
    assert!(u1("ToLower(UserID) eq 'u1' and TRUE and not FALSE"));
    assert!(anon("userId eq NULL"));
    assert!(u1("ConnectionID eq 'conn-1'"));
    assert!(u1("connectionid in ('conn-1')"));
    assert!(u1(
        "SubString(userId, 1) eq '1' and IndexOf(userId, '1') eq 1"
    ));
    assert!(u1(
        "CONCAT(userId, '') eq 'u1' and TRIM(userId) eq 'u1' and TOUPPER('a') eq 'A'"
    ));
    assert!(u1("EndsWith(userId, '1') and Contains(userId, 'u')"));
    // Values stay case-sensitive.
    assert!(!u1("userId eq 'U1'"));
    assert!(!u1("'GROUP1' in groups"));
}

#[test]
fn quoting_and_whitespace() {
    assert!(check("userId eq 'user''1'", &user(Some("user'1"), &[])));
    assert!(check("userId eq ''''", &user(Some("'"), &[])));
    assert!(check("userId eq ''''''", &user(Some("''"), &[])));
    assert!(check("userId eq ''", &user(Some(""), &[])));
    assert!(check("userId eq 'a b\tc'", &user(Some("a b\tc"), &[])));
    assert!(check("userId eq '日本 🙂'", &user(Some("日本 🙂"), &[])));
    assert!(check("userId eq '('", &user(Some("("), &[])));
    assert!(check(
        "userId eq 'and or not'",
        &user(Some("and or not"), &[])
    ));
    assert!(u1("  userId\teq\n'u1'  "));
    assert!(u1("(userId eq'u1')and('g3'in groups)"));
    assert!(u1("startswith (userId,'u')"));
}

// --- errors ----------------------------------------------------------

#[test]
fn live_service_error_message() {
    let e = err("invalid filter");
    assert_eq!(e.position, 14);
    assert_eq!(e.message, syntax_msg("invalid filter", 14));
    assert_eq!(
        e.message,
        "Invalid syntax for 'invalid filter': Syntax error at position 14 in 'invalid filter'. (Parameter 'filter')"
    );
    assert_eq!(e.to_string(), e.message);
}

#[test]
fn syntax_error_positions() {
    // (input, position just past the offending token)
    let cases = [
        ("x y", 3),
        ("", 0),
        ("   ", 3),
        ("userId eq", 9),
        ("userId eq 'a' 'b'", 17),
        ("userId eq 'a')", 14),
        ("(userId eq 'a'", 14),
        ("userId eq 'a' or", 16),
        ("and", 3),
        ("userId eq eq 'a'", 12),
        ("userId in ()", 12),
        ("userId in ('a',)", 16),
        ("userId in ('a' 'b')", 18),
        ("userId eq 'a' eq 'b'", 16),
        ("startswith(userId 'a')", 21),
        ("startswith(userId,,'a')", 19),
        ("tolower(userId", 14),
        ("not", 3),
        ("()", 2),
        ("true(", 5),
        ("12abc", 5),
        ("'héllo' eq userId x", 19),
    ];
    for (input, pos) in cases {
        let e = err(input);
        assert_eq!(e.position, pos, "{input:?}: {}", e.message);
        assert_eq!(e.message, syntax_msg(input, pos), "{input:?}");
    }
}

#[test]
fn lexical_errors() {
    let e = err("userId eq 'abc");
    assert_eq!(e.position, 14);
    assert_eq!(
        e.message,
        "Invalid syntax for 'userId eq 'abc': There is an unterminated string literal at position 14 in 'userId eq 'abc'. (Parameter 'filter')"
    );
    assert_eq!(err_pos("'it''s"), 6);
    assert_eq!(err_pos("'日本"), 3);

    let e = err("userId eq 'a' & x");
    assert_eq!(e.position, 14);
    assert_eq!(
        e.message,
        "Invalid syntax for 'userId eq 'a' & x': Syntax error: character '&' is not valid at position 14 in 'userId eq 'a' & x'. (Parameter 'filter')"
    );
    assert_eq!(err_pos("- 1 eq -1"), 0);
    assert_eq!(err_pos("length(userId) gt 1.5"), 19);
    assert_eq!(err_pos("userId eq \"a\""), 10);
    assert_eq!(err_pos("日本 eq 'a' ~"), 10);
    // A syntax error left of a lexical error wins (tokens are lexed lazily).
    assert_eq!(err_pos("invalid filter 'abc"), 14);
}

#[test]
fn semantic_error_positions() {
    let e = err("foo eq 'a'");
    assert_eq!(e.position, 0);
    assert_eq!(
        e.message,
        "Invalid syntax for 'foo eq 'a'': Unknown identifier 'foo' at position 0 in 'foo eq 'a''. (Parameter 'filter')"
    );
    assert_eq!(err_pos("userId eq 'a' and user eq 'b'"), 18);

    let e = err("userId eq 'a' or bar(userId)");
    assert_eq!(e.position, 17);
    assert!(
        e.message.contains("Unknown function 'bar'"),
        "{}",
        e.message
    );

    let e = err("length(userId, 'a') gt 1");
    assert_eq!(e.position, 0);
    assert!(
        e.message
            .contains("Function 'length' expects 1 argument but got 2"),
        "{}",
        e.message
    );
    let e = err("true and substring(userId)");
    assert_eq!(e.position, 9);
    assert!(e.message.contains("expects 2 or 3 arguments but got 1"));
    assert_eq!(err_pos("concat('a') eq 'a'"), 0);
    assert_eq!(err_pos("tolower() eq 'a'"), 0);

    let e = err("length(userId) gt 99999999999999999999");
    assert_eq!(e.position, 18);
    assert!(e
        .message
        .contains("Integer literal '99999999999999999999' is out of range"));
    assert_eq!(err_pos("-9223372036854775809 lt 0"), 0);

    assert_eq!(err_pos("substring(userId, -1) eq 'a'"), 18);
    assert_eq!(err_pos("substring(userId, 1, -1) eq 'a'"), 21);
    assert_eq!(err_pos("substring(userId, length(userId)) eq 'a'"), 18);
    assert_eq!(err_pos("substring(userId, null) eq 'a'"), 18);
}

#[test]
fn type_errors() {
    let cases = [
        ("userId", "userId", 0, "string", "bool"),
        ("groups", "groups", 0, "collection", "bool"),
        ("userId eq 1", "userId eq 1", 10, "int", "string"),
        ("1 eq userId", "1 eq userId", 5, "string", "int"),
        ("groups eq 'a'", "groups eq 'a'", 0, "collection", "string"),
        ("'a' eq groups", "'a' eq groups", 7, "collection", "string"),
        (
            "startswith(userId, 1)",
            "startswith(userId, 1)",
            19,
            "int",
            "string",
        ),
        (
            "length(true) eq 1",
            "length(true)",
            7,
            "bool",
            "string or collection",
        ),
        ("'a' in userId", "'a' in userId", 7, "string", "collection"),
        ("userId in 'a'", "userId in 'a'", 10, "string", "collection"),
        ("1 in groups", "1 in groups", 0, "int", "string"),
        (
            "userId in ('a', 1)",
            "userId in ('a', 1)",
            16,
            "int",
            "string",
        ),
        (
            "userId in ('a', groups)",
            "userId in ('a', groups)",
            16,
            "collection",
            "string",
        ),
        (
            "true and length(userId)",
            "true and length(userId)",
            9,
            "int",
            "bool",
        ),
        ("not 'a'", "not 'a'", 4, "string", "bool"),
        (
            "substring(userId, 'a')",
            "substring(userId, 'a')",
            18,
            "string",
            "int",
        ),
        (
            "userId eq 'user1' and not 'group1' in groups",
            "not 'group1'",
            26,
            "string",
            "bool",
        ),
        (
            "(((length(groups))))",
            "(((length(groups))))",
            0,
            "int",
            "bool",
        ),
    ];
    for (input, text, pos, found, expected) in cases {
        let e = err(input);
        assert_eq!(e.position, pos, "{input:?}: {}", e.message);
        assert_eq!(
            e.message,
            format!("Invalid syntax for '{text}': Type '{found}', expect '{expected}'. (Parameter 'filter')"),
            "{input:?}"
        );
    }
}

#[test]
fn syntax_errors_win_over_semantic_ones() {
    assert_eq!(err("foo eq"), err("foo eq"));
    assert_eq!(err_pos("foo eq"), 6);
    assert_eq!(err_pos("bar(1) eq 1 )"), 13);
    assert_eq!(err_pos("userId eq 1 or"), 14);
}

#[test]
fn nesting_limit() {
    let ok = format!("{}true{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
    assert!(u1(&ok));
    let deep = format!(
        "{}true{}",
        "(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    let e = err(&deep);
    assert_eq!(e.position, MAX_DEPTH + 1);
    assert!(
        e.message.contains("nested more than 100 levels"),
        "{}",
        e.message
    );

    assert!(!u1(&format!("{}true", "not ".repeat(MAX_DEPTH - 1))));
    let e = err(&format!("{}true", "not ".repeat(MAX_DEPTH + 1)));
    assert_eq!(e.position, 4 * MAX_DEPTH + 3);

    let calls = format!(
        "{}userId{} eq 'u1'",
        "tolower(".repeat(MAX_DEPTH),
        ")".repeat(MAX_DEPTH)
    );
    assert!(u1(&calls));
    let calls = format!(
        "{}userId{}",
        "trim(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(err_pos(&calls), 5 * (MAX_DEPTH + 1));

    let lists = format!(
        "{}'u1'{}",
        "'u1' in (".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(err_pos(&lists), 9 * (MAX_DEPTH + 1));

    // Worst case for every recursive pass: maximal nesting where each level
    // also adds `or`/`and`/comparison/`not` nodes.
    let mut f = String::from("userId eq 'u1'");
    for _ in 0..MAX_DEPTH / 3 {
        f = format!("false or true and not (({f}) eq true)");
    }
    assert!(f.chars().count() < MAX_FILTER_LEN);
    let parsed = parse(&f).expect("within limits");
    // 33 levels, each negating: odd count → false.
    assert!(!parsed.matches(&user(Some("u1"), GROUPS)));
    // Long flat chains don't recurse at all.
    let chain = vec!["userId eq 'x'"; 300].join(" or ");
    assert!(!u1(&chain));
}

/// The deepest accepted filters of every recursive shape, parsed and
/// evaluated on a 1 MiB stack: half of the 2 MiB that Rust (and Tokio)
/// give new threads. Unoptimized builds are the tight case.
#[test]
fn deep_nesting_fits_in_one_mib_of_stack() {
    let d = MAX_DEPTH;
    let mut mixed = String::from("userId eq 'u1'");
    for _ in 0..d / 3 {
        mixed = format!("false or true and not (({mixed}) eq true)");
    }
    let inputs = [
        mixed,
        format!("{}true{}", "(".repeat(d), ")".repeat(d)),
        format!("{}true", "not ".repeat(d)),
        format!("{}userId{} eq 'u1'", "tolower(".repeat(d), ")".repeat(d)),
        format!(
            "{}userId{} eq 'u1'",
            "concat('a', ".repeat(d),
            ")".repeat(d)
        ),
        format!("{}1{}", "length(".repeat(d), ")".repeat(d)),
        format!("{}'u1'{}", "'u1' in (".repeat(d), ")".repeat(d)),
        format!("{}true{}", "(true eq ".repeat(d), ")".repeat(d)),
        format!("{}true{}", "(".repeat(d + 1), ")".repeat(d + 1)),
    ];
    let worker = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let subject = user(Some("u1"), GROUPS);
            inputs
                .iter()
                .map(|input| parse(input).map(|f| f.matches(&subject)).is_ok())
                .collect::<Vec<_>>()
        })
        .expect("spawn");
    let parsed = worker.join().expect("no stack overflow");
    // Type errors (length of int, `in` a bool list) and the over-deep
    // input are rejected; everything else parses.
    assert_eq!(
        parsed,
        [true, true, true, true, true, false, false, true, false]
    );
}

/// Nesting far past the limits (what a hostile `filter=` may send) is a clean
/// error, and on a small stack: the length check and the depth counter stop
/// it before any deep recursion.
#[test]
fn hostile_nesting_is_a_clean_error() {
    let too_long = "exceeds the maximum length of 8192 characters";
    let too_deep = "nested more than 100 levels deep";
    let cases = [
        ("(".repeat(100_000), too_long),
        (format!("{}true", "not ".repeat(100_000)), too_long),
        ("(".repeat(MAX_FILTER_LEN), too_deep),
        (
            format!("{}true", "not ".repeat(MAX_FILTER_LEN / 4 - 1)),
            too_deep,
        ),
        ("not (".repeat(MAX_FILTER_LEN / 5), too_deep),
        ("tolower(".repeat(MAX_FILTER_LEN / 8), too_deep),
        ("'a' in (".repeat(MAX_FILTER_LEN / 8), too_deep),
    ];
    let worker = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            cases
                .into_iter()
                .map(|(input, want)| (parse(&input).map_err(|e| e.message), want))
                .collect::<Vec<_>>()
        })
        .expect("spawn");
    for (result, want) in worker.join().expect("no stack overflow") {
        let message = result.expect_err("must be rejected");
        assert!(message.contains(want), "{want:?} not in {message:.200}");
        // Never more than two echoes of an accepted-length input.
        assert!(message.len() < 2 * 4 * MAX_FILTER_LEN + 200);
    }
}

/// Functions that build strings share one budget per evaluation, so nesting
/// cannot multiply the work; past the budget the result is `null`.
#[test]
fn building_strings_is_bounded() {
    // Within the budget everything builds as usual.
    let ab = user(Some("Ab"), &[]);
    assert!(check(
        "tolower(concat(userId, toupper(concat(userId, 'b')))) eq 'ababb'",
        &ab
    ));
    let id = "u".repeat(1000);
    assert!(check(
        "length(concat(userId, userId)) eq 2000",
        &user(Some(&id), &[])
    ));

    // One result past the budget is null; reading the subject costs nothing.
    let huge = "x".repeat(MAX_BUILT_BYTES / 2 + 1);
    let s = user(Some(&huge), &[]);
    assert!(check("concat(userId, userId) eq null", &s));
    assert!(check("trim(substring(userId, 1)) ne null", &s));
    assert!(check(
        &format!("length(concat(userId, 'y')) eq {}", huge.len() + 1),
        &s
    ));
    assert!(check("contains(tolower(userId), 'x')", &s));
    assert!(!check("toupper(userId) eq null", &s));
    let upper_huge = "X".repeat(MAX_BUILT_BYTES + 1);
    assert!(check(
        "tolower(userId) eq null",
        &user(Some(&upper_huge), &[])
    ));

    // 49 levels of case changes around a growing `concat` would copy about
    // 1.2 MB for a 1 KB user id (quadratic in the depth); the budget ends it.
    let id = "İa".repeat(340);
    let mut f = String::from("userId");
    for level in 0..49 {
        let case = if level % 2 == 0 { "tolower" } else { "toupper" };
        f = format!("{case}(concat(userId, {f}))");
    }
    let filter = parse(&format!("{f} eq null")).expect("within limits");
    let s = user(Some(&id), &[]);
    // The budget is per evaluation: every call starts afresh.
    for _ in 0..3 {
        assert!(filter.matches(&s));
    }
    // Three levels of the same stay within it.
    let mut f = String::from("userId");
    for _ in 0..3 {
        f = format!("toupper(concat(userId, {f}))");
    }
    let want = id.repeat(4).to_uppercase();
    assert!(check(&format!("{f} eq '{want}'"), &s));
}

#[test]
fn length_limit() {
    let max = format!("userId eq '{}'", "a".repeat(MAX_FILTER_LEN - 12));
    assert_eq!(max.chars().count(), MAX_FILTER_LEN);
    assert!(!u1(&max));
    let e = err(&format!("{max} "));
    assert_eq!(e.position, MAX_FILTER_LEN);
    assert!(e.message.len() < 200, "{}", e.message);
    // Multi-byte chars are counted as chars, not bytes.
    let wide = format!("userId eq '{}'", "日".repeat(MAX_FILTER_LEN - 12));
    assert!(parse(&wide).is_ok());
}

#[test]
fn from_str_and_reuse() {
    let f: Filter = "'g3' in groups and userId ne null".parse().expect("valid");
    let groups_a: &[&str] = &["g3"];
    let subjects = [
        (user(Some("a"), groups_a), true),
        (user(None, groups_a), false),
        (user(Some("b"), &[]), false),
    ];
    for _ in 0..3 {
        for (s, want) in &subjects {
            assert_eq!(f.matches(s), *want);
        }
    }
    let clone = f.clone();
    assert!(clone.matches(&subjects[0].0));
    let e: Result<Filter, FilterError> = "userId eq".parse();
    let e = e.expect_err("invalid");
    let boxed: Box<dyn std::error::Error> = Box::new(e.clone());
    assert_eq!(boxed.to_string(), e.message);
}

// --- robustness ------------------------------------------------------

/// xorshift64*: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % (n.max(1) as u64)).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn assert_sane(input: &str, subjects: &[Subject<'_>]) {
    match parse(input) {
        Ok(f) => {
            for s in subjects {
                let _ = f.matches(s);
            }
        }
        Err(e) => {
            assert!(e.position <= input.chars().count(), "{input:?}: {e:?}");
            assert!(
                e.message.starts_with("Invalid syntax for '"),
                "{input:?}: {e:?}"
            );
            assert!(
                e.message.ends_with(". (Parameter 'filter')"),
                "{input:?}: {e:?}"
            );
        }
    }
}

#[test]
fn fuzzish_inputs_never_panic() {
    let seeds = [
        "'group1' in groups or 'group2' in groups",
        "userId in ('user1','user2','user3') and 'group1' in groups",
        "userId eq 'user1' and (not ('group1' in groups))",
        "userId eq null or userId eq 'vic''s' or length(userId) gt 3",
        "substring(tolower(userId), 1, 2) eq concat('a', trim(connectionId))",
        "indexof(userId, 'é') ge -1 and endswith(userId, '日本') or contains(userId, '🙂')",
        "not (length(groups) le +3) and 'x' in (groups)",
        "startswith(userId, 'listener-') eq true",
    ];
    let tokens = [
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
        "ge",
        "lt",
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
        "+7",
        "99999999999999999999",
        "tolower",
        "toupper",
        "trim",
        "substring",
        "concat",
        "indexof",
        "length",
        "startswith",
        "endswith",
        "contains",
        "&",
        ".",
        "-",
        "é",
        " ",
    ];
    let palette = [
        '(', ')', ',', '\'', ' ', 'a', 'Z', '0', '9', '-', '+', '.', 'é', '日', '🙂', '\t', '_',
        '\u{0}',
    ];
    let groups: &[&str] = &["group1", "a", "日🙂", ""];
    let subjects = [
        user(Some("user1"), groups),
        user(None, &[]),
        user(Some(""), groups),
        user(Some("vic's 日本🙂"), &["group2"]),
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut checked = 0usize;

    // Every char-boundary truncation of every seed.
    for seed in seeds {
        let chars: Vec<char> = seed.chars().collect();
        for n in 0..=chars.len() {
            let head: String = chars[..n].iter().collect();
            let tail: String = chars[n..].iter().collect();
            assert_sane(&head, &subjects);
            assert_sane(&tail, &subjects);
            checked += 2;
        }
    }
    // Random edits of the seeds.
    for _ in 0..3000 {
        let mut chars: Vec<char> = rng.pick(&seeds).chars().collect();
        for _ in 0..=rng.below(4) {
            let at = rng.below(chars.len() + 1);
            match rng.below(4) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => chars.insert(at, *rng.pick(&palette)),
                2 if at < chars.len() => chars[at] = *rng.pick(&palette),
                _ => {
                    let from = rng.below(chars.len());
                    let len = rng.below(8).min(chars.len() - from);
                    let piece: Vec<char> = chars[from..from + len].to_vec();
                    chars.splice(at..at, piece);
                }
            }
        }
        let input: String = chars.into_iter().collect();
        assert_sane(&input, &subjects);
        checked += 1;
    }
    // Random token soups, which get much further into the parser than
    // random characters do.
    for _ in 0..3000 {
        let n = 1 + rng.below(16);
        let input: Vec<&str> = (0..n).map(|_| *rng.pick(&tokens)).collect();
        let sep = if rng.below(2) == 0 { " " } else { "" };
        assert_sane(&input.join(sep), &subjects);
        checked += 1;
    }
    // Random raw chars.
    for _ in 0..1000 {
        let n = rng.below(24);
        let input: String = (0..n).map(|_| *rng.pick(&palette)).collect();
        assert_sane(&input, &subjects);
        checked += 1;
    }
    assert!(checked > 7000);
}
