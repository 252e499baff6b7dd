//! The HTTP server layer: body errors (400/408/413).

use serde_json::json;

use crate::common::*;

const HUB: &str = "chat";

/// A signed `POST …/:send` head (text/plain) with the given framing headers, without the final
/// empty line.
fn send_head(emu: &Emulator, framing: &str) -> String {
    let path = v(&format!("/api/hubs/{HUB}/:send"));
    let token = emu.rest_token(&emu.url(&path));
    format!(
        "POST {path} HTTP/1.1\r\nHost: localhost:{}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: text/plain\r\n{framing}",
        emu.port
    )
}

// ----- 6 body errors ---------------------------------------------------------------------------

#[tokio::test]
async fn a_malformed_chunked_body_is_400_and_an_oversize_body_still_413() {
    let emu = Emulator::start();
    let _c = emu.connect_simple(HUB, &json!({})).await;

    let ok = emu
        .raw(&send_head(
            &emu,
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        ))
        .await;
    assert_eq!(ok.status, 202, "a well-formed chunked body: {ok:?}");

    let bad = emu
        .raw(&send_head(
            &emu,
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
        ))
        .await;
    assert_eq!(bad.status, 400, "{bad:?}");
    assert!(
        bad.header("content-type")
            .unwrap_or_default()
            .starts_with("application/json"),
        "{bad:?}"
    );
    assert_eq!(bad.json()["code"], "BadRequest", "{bad:?}");
    assert_eq!(bad.header("x-ms-error-code"), Some("BadRequest"));

    let size = 1024 * 1024 + 1;
    let big = format!(
        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{size:x}\r\n{}\r\n0\r\n\r\n",
        "a".repeat(size)
    );
    let r = emu.raw(&send_head(&emu, &big)).await;
    assert_eq!(r.status, 413, "oversize chunked body: {}", r.status);
    assert_eq!(r.json()["code"], "RequestEntityTooLarge");

    emu.rest(
        "POST",
        &v(&format!("/api/hubs/{HUB}/:send")),
        Some("application/octet-stream"),
        vec![0u8; size],
    )
    .await
    .expect_error(413);
}
