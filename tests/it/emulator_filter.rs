//! The OData `filter` (protocols.md §2.5, §2.7) on the three `:send` operations and on
//! `:addToGroups`/`:removeFromGroups`: recipients chosen by valid filters, 400 naming the
//! position for syntax errors.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use crate::common::*;

const HUB: &str = "chat";
const BARRIER: &str = "__barrier__";

fn p(path: &str) -> String {
    v(&format!("/api/hubs/{HUB}{path}"))
}

/// The fixture: label → client.
///
/// | label | user         | groups   |
/// |-------|--------------|----------|
/// | A     | `u1`         | g1       |
/// | A2    | `u1`         | –        |
/// | B     | `u2`         | g1, g2   |
/// | C     | (anonymous)  | g2       |
/// | D     | `listener-1` | –        |
/// | E     | `vic's`      | –        |
async fn fixture(emu: &Emulator) -> BTreeMap<&'static str, Client> {
    let specs: [(&str, Value); 6] = [
        ("A", json!({"sub": "u1", "webpubsub.group": ["g1"]})),
        ("A2", json!({"sub": "u1"})),
        ("B", json!({"sub": "u2", "webpubsub.group": ["g1", "g2"]})),
        ("C", json!({"webpubsub.group": ["g2"]})),
        ("D", json!({"sub": "listener-1"})),
        ("E", json!({"sub": "vic's"})),
    ];
    let mut out = BTreeMap::new();
    for (label, claims) in specs {
        out.insert(label, emu.connect_json(HUB, &claims).await);
    }
    out
}

/// Sends each `(case, path)` with the case name as a `text/plain` body, then a barrier to
/// everyone; returns, per case, the set of client labels that received it.
async fn deliveries(
    emu: &Emulator,
    clients: &mut BTreeMap<&'static str, Client>,
    sends: &[(String, String)],
) -> BTreeMap<String, BTreeSet<&'static str>> {
    for (case, path) in sends {
        let r = emu
            .rest("POST", path, Some("text/plain"), case.clone())
            .await;
        assert_eq!(
            r.status,
            202,
            "case {case:?} ({path}): {} {}",
            r.status,
            r.text()
        );
    }
    emu.rest("POST", &p("/:send"), Some("text/plain"), BARRIER)
        .await
        .expect_accepted();
    let mut got: BTreeMap<String, BTreeSet<&'static str>> = sends
        .iter()
        .map(|(c, _)| (c.clone(), BTreeSet::new()))
        .collect();
    for (label, c) in clients.iter_mut() {
        loop {
            let m = c.ws.recv_json().await;
            assert_eq!(m["type"], "message", "{label}: {m}");
            let data = m["data"].as_str().unwrap_or_default().to_string();
            if data == BARRIER {
                break;
            }
            let set = got
                .get_mut(&data)
                .unwrap_or_else(|| panic!("{label} got an unexpected message {m}"));
            assert!(set.insert(label), "{label} got case {data:?} twice");
        }
    }
    got
}

fn set(labels: &[&'static str]) -> BTreeSet<&'static str> {
    labels.iter().copied().collect()
}

fn compare(
    got: &BTreeMap<String, BTreeSet<&'static str>>,
    expected: &[(String, BTreeSet<&'static str>)],
) {
    let mut wrong = Vec::new();
    for (case, want) in expected {
        let have = &got[case];
        if have != want {
            wrong.push(format!("{case}: expected {want:?}, delivered to {have:?}"));
        }
    }
    assert!(wrong.is_empty(), "filter mismatches:\n{wrong:#?}");
}

#[tokio::test]
async fn send_to_all_filter_grammar_selects_the_right_connections() {
    let emu = Emulator::start();
    let mut clients = fixture(&emu).await;
    let a = clients["A"].connection_id.clone();
    let b = clients["B"].connection_id.clone();
    let cases: Vec<(String, &[&'static str])> = vec![
        ("userId eq 'u1'".into(), &["A", "A2"]),
        ("userId eq null".into(), &["C"]),
        ("userId eq 'nobody'".into(), &[]),
        ("'g1' in groups".into(), &["A", "B"]),
        ("'g1' in groups or 'g2' in groups".into(), &["A", "B", "C"]),
        ("'g1' in groups and 'g2' in groups".into(), &["B"]),
        ("userId in ('u1','u2')".into(), &["A", "A2", "B"]),
        (
            "userId in ('u1', 'u2', 'u3') and 'g1' in groups".into(),
            &["A", "B"],
        ),
        (format!("userId eq 'u1' and connectionId ne '{a}'"), &["A2"]),
        (format!("connectionId eq '{b}'"), &["B"]),
        ("userId eq 'u1' and (not ('g1' in groups))".into(), &["A2"]),
        (
            "not ('g1' in groups) and userId ne null".into(),
            &["A2", "D", "E"],
        ),
        ("startswith(userId, 'listener-')".into(), &["D"]),
        ("endswith(userId, '1')".into(), &["A", "A2", "D"]),
        ("contains(userId, 'isten')".into(), &["D"]),
        ("toupper(userId) eq 'U2'".into(), &["B"]),
        ("tolower('U2') eq userId".into(), &["B"]),
        ("trim(userId) eq 'u2'".into(), &["B"]),
        ("length(userId) gt 5".into(), &["D"]),
        ("length(userId) eq +2".into(), &["A", "A2", "B"]),
        ("length(groups) eq 2".into(), &["B"]),
        ("length(groups) eq 0".into(), &["A2", "D", "E"]),
        ("userId eq 'vic''s'".into(), &["E"]),
        ("substring(userId, 1) eq '1'".into(), &["A", "A2"]),
        ("substring(userId, 0, 1) eq 'u'".into(), &["A", "A2", "B"]),
        ("concat(userId, 'x') eq 'u2x'".into(), &["B"]),
        ("indexof(userId, 'ist') eq 1".into(), &["D"]),
        (
            "indexof(userId, 'zzz') eq -1".into(),
            &["A", "A2", "B", "D", "E"],
        ),
        ("userId gt 'u1'".into(), &["B", "E"]),
        ("userId ge 'u2' and userId lt 'v'".into(), &["B"]),
        ("userId le 'listener-1'".into(), &["D"]),
        ("USERID eq 'u2'".into(), &["B"]),
        ("UserId eq 'u2' or ConnectionId eq 'x'".into(), &["B"]),
        // Precedence: `and` binds tighter than `or`.
        (
            "userId eq 'listener-1' or userId eq 'u1' and 'g2' in groups".into(),
            &["D"],
        ),
        (
            "(userId eq 'listener-1' or userId eq 'u2') and 'g2' in groups".into(),
            &["B"],
        ),
        ("userId eq null or userId eq 'u1'".into(), &["A", "A2", "C"]),
        ("userId eq 'u1' and true".into(), &["A", "A2"]),
        ("userId eq 'u1' and false".into(), &[]),
    ];
    let sends: Vec<(String, String)> = cases
        .iter()
        .map(|(f, _)| (f.clone(), p(&format!("/:send?filter={}", enc(f)))))
        .collect();
    let got = deliveries(&emu, &mut clients, &sends).await;
    let expected: Vec<(String, BTreeSet<&str>)> =
        cases.iter().map(|(f, e)| (f.clone(), set(e))).collect();
    compare(&got, &expected);
}

#[tokio::test]
async fn filter_on_group_user_and_excluded_sends() {
    let emu = Emulator::start();
    let mut clients = fixture(&emu).await;
    let a = clients["A"].connection_id.clone();
    let a2 = clients["A2"].connection_id.clone();
    let cases: Vec<(String, String, &[&'static str])> = vec![
        (
            "group g1, userId eq 'u2'".into(),
            format!("/groups/g1/:send?filter={}", enc("userId eq 'u2'")),
            &["B"],
        ),
        (
            "group g2, anonymous".into(),
            format!("/groups/g2/:send?filter={}", enc("userId eq null")),
            &["C"],
        ),
        (
            "group g1, excluded A, 'g1' in groups".into(),
            format!(
                "/groups/g1/:send?excluded={a}&filter={}",
                enc("'g1' in groups")
            ),
            &["B"],
        ),
        (
            "user u1, other connection".into(),
            format!(
                "/users/u1/:send?filter={}",
                enc(&format!("connectionId ne '{a}'"))
            ),
            &["A2"],
        ),
        (
            "user u1, in g1".into(),
            format!("/users/u1/:send?filter={}", enc("'g1' in groups")),
            &["A"],
        ),
        (
            "all, excluded A2, u1".into(),
            format!("/:send?excluded={a2}&filter={}", enc("userId eq 'u1'")),
            &["A"],
        ),
    ];
    let sends: Vec<(String, String)> = cases
        .iter()
        .map(|(name, path, _)| (name.clone(), p(path)))
        .collect();
    let got = deliveries(&emu, &mut clients, &sends).await;
    let expected: Vec<(String, BTreeSet<&str>)> =
        cases.iter().map(|(n, _, e)| (n.clone(), set(e))).collect();
    compare(&got, &expected);
}

async fn members(emu: &Emulator, group: &str) -> BTreeSet<String> {
    let r = emu
        .rest(
            "GET",
            &p(&format!("/groups/{group}/connections?maxpagesize=200")),
            None,
            Vec::new(),
        )
        .await;
    r.expect(200);
    let body = r.json();
    assert!(body.get("nextLink").is_none_or(Value::is_null), "{body}");
    body["value"]
        .as_array()
        .unwrap_or_else(|| panic!("no value array: {body}"))
        .iter()
        .map(|m| {
            m["connectionId"]
                .as_str()
                .expect("connectionId")
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn add_and_remove_groups_by_filter() {
    let emu = Emulator::start();
    let mut clients = fixture(&emu).await;
    let id = |l: &str| clients[l].connection_id.clone();
    let ids = |ls: &[&str]| ls.iter().map(|l| id(l)).collect::<BTreeSet<_>>();
    let post = |op: &str, body: Value| {
        let emu = &emu;
        let path = p(op);
        async move {
            emu.rest("POST", &path, Some("application/json"), body.to_string())
                .await
                .expect(200);
        }
    };

    post(
        "/:addToGroups",
        json!({"groups": ["fa", "fb"], "filter": "'g2' in groups"}),
    )
    .await;
    assert_eq!(members(&emu, "fa").await, ids(&["B", "C"]));
    assert_eq!(members(&emu, "fb").await, ids(&["B", "C"]));

    post(
        "/:removeFromGroups",
        json!({"groups": ["fa"], "filter": "userId eq null"}),
    )
    .await;
    assert_eq!(members(&emu, "fa").await, ids(&["B"]));
    assert_eq!(members(&emu, "fb").await, ids(&["B", "C"]));

    post(
        "/:addToGroups",
        json!({"groups": ["fc"], "filter": "startswith(userId, 'listener-')"}),
    )
    .await;
    assert_eq!(members(&emu, "fc").await, ids(&["D"]));

    // Filters see the groups as they are now.
    let sends = vec![
        (
            "in fa".to_string(),
            p(&format!("/:send?filter={}", enc("'fa' in groups"))),
        ),
        (
            "in fb and g1".to_string(),
            p(&format!(
                "/:send?filter={}",
                enc("'fb' in groups and 'g1' in groups")
            )),
        ),
        ("to fb by group".to_string(), p("/groups/fb/:send")),
    ];
    let got = deliveries(&emu, &mut clients, &sends).await;
    compare(
        &got,
        &[
            ("in fa".into(), set(&["B"])),
            ("in fb and g1".into(), set(&["B"])),
            ("to fb by group".into(), set(&["B", "C"])),
        ],
    );
}

#[tokio::test]
async fn filter_syntax_errors_are_400_naming_the_position() {
    let emu = Emulator::start();
    let mut c = emu
        .connect_json(HUB, &json!({"sub": "u1", "webpubsub.group": ["g1"]}))
        .await;
    let bad = [
        "invalid filter",
        "userId eq",
        "userId eq 'u1",
        "(userId eq 'u1'",
        "userId eq 'u1')",
        "userId === 'u1'",
        "userId eq 'u1' and",
        "'g1' in",
        "userId eq 'u1' xor userId eq 'u2'",
        "startswith(userId 'a')",
        "userId in ('u1',",
    ];
    let mut wrong = Vec::new();
    for f in bad {
        let q = enc(f);
        for path in [
            format!("/:send?filter={q}"),
            format!("/groups/g1/:send?filter={q}"),
            format!("/users/u1/:send?filter={q}"),
        ] {
            let r = emu.rest("POST", &p(&path), Some("text/plain"), "x").await;
            check_position_error(&r, f, &mut wrong);
        }
        for op in ["/:addToGroups", "/:removeFromGroups"] {
            let body = json!({"groups": ["g9"], "filter": f}).to_string();
            let r = emu
                .rest("POST", &p(op), Some("application/json"), body)
                .await;
            check_position_error(&r, f, &mut wrong);
        }
    }
    assert!(
        wrong.is_empty(),
        "bad filters not rejected properly:\n{wrong:#?}"
    );
    c.ws.expect_no_frame(QUIET).await;
    emu.rest("HEAD", &p("/groups/g9"), None, Vec::new())
        .await
        .expect(404);
}

fn check_position_error(r: &Resp, filter: &str, wrong: &mut Vec<String>) {
    if r.status != 400 {
        wrong.push(format!(
            "{filter:?} on {}: {} {}",
            r.what,
            r.status,
            r.text()
        ));
        return;
    }
    let body = r.expect_error(400);
    let msg = body["message"].as_str().unwrap_or_default();
    let names_position =
        msg.to_lowercase().contains("position") && msg.chars().any(|ch| ch.is_ascii_digit());
    if !names_position {
        wrong.push(format!(
            "{filter:?} on {}: message does not name the position: {msg}",
            r.what
        ));
    }
}

#[tokio::test]
async fn filter_type_errors_are_400() {
    let emu = Emulator::start();
    let _c = emu.connect_json(HUB, &json!({"sub": "u1"})).await;
    for f in [
        "not length(userId) gt 5",
        "userId",
        "length(userId)",
        "unknownField eq 'u1'",
        "userId eq 1 and",
    ] {
        emu.rest(
            "POST",
            &p(&format!("/:send?filter={}", enc(f))),
            Some("text/plain"),
            "x",
        )
        .await
        .expect_error(400);
    }
}
