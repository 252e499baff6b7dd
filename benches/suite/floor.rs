//! The floor: a bare broadcast server on hyper and tokio-tungstenite, with nothing of the
//! service in it (no auth, no envelope, no groups, no limits). Every figure of the emulator is
//! set beside this one's under the same load generator, so each is also a ratio to what the
//! machine can do.
//!
//! `GET /sub` (upgrade) subscribes; every text frame on `GET /pub` (upgrade) and every
//! `POST /send` body goes to every subscriber. It runs as its own process (this bench binary
//! started again with `WPS_BENCH_ROLE=floor`), so its CPU and RSS are read like the emulator's.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_util::{SinkExt, StreamExt};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{HeaderValue, CONNECTION, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, UPGRADE};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::tungstenite::{Message, Utf8Bytes};
use tokio_tungstenite::WebSocketStream;

/// The same socket buffers the emulator uses: the floor is what this machine can do with them.
pub fn ws_config() -> WebSocketConfig {
    WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(16 * 1024)
}

#[derive(Default)]
struct Subscribers {
    next: AtomicU64,
    all: Mutex<HashMap<u64, mpsc::UnboundedSender<Message>>>,
}

impl Subscribers {
    fn broadcast(&self, text: Utf8Bytes) {
        let all = self.all.lock().unwrap_or_else(|p| p.into_inner());
        for tx in all.values() {
            let _ = tx.send(Message::Text(text.clone()));
        }
    }
}

type Reply = Response<Full<Bytes>>;

fn status(code: StatusCode) -> Reply {
    let mut r = Response::new(Full::new(Bytes::new()));
    *r.status_mut() = code;
    r
}

/// Runs the floor server until killed; prints its port first.
pub fn serve() {
    crate::sys::raise_fd_limit();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("local addr").port();
        println!("{port}");
        let subs = Arc::new(Subscribers::default());
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let subs = subs.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| handle(subs.clone(), req));
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .with_upgrades()
                    .await;
            });
        }
    });
}

async fn handle(subs: Arc<Subscribers>, req: Request<Incoming>) -> Result<Reply, Infallible> {
    if req.method() == Method::POST {
        let Ok(body) = req.into_body().collect().await else {
            return Ok(status(StatusCode::BAD_REQUEST));
        };
        match Utf8Bytes::try_from(body.to_bytes()) {
            Ok(text) => subs.broadcast(text),
            Err(_) => return Ok(status(StatusCode::BAD_REQUEST)),
        }
        return Ok(status(StatusCode::ACCEPTED));
    }
    let Some(key) = req.headers().get(SEC_WEBSOCKET_KEY) else {
        return Ok(status(StatusCode::BAD_REQUEST));
    };
    let accept = derive_accept_key(key.as_bytes());
    let publisher = req.uri().path() == "/pub";
    tokio::spawn(async move {
        let Ok(upgraded) = hyper::upgrade::on(req).await else {
            return;
        };
        let ws = WebSocketStream::from_raw_socket(
            TokioIo::new(upgraded),
            Role::Server,
            Some(ws_config()),
        )
        .await;
        if publisher {
            publish(subs, ws).await;
        } else {
            subscribe(subs, ws).await;
        }
    });
    let mut r = status(StatusCode::SWITCHING_PROTOCOLS);
    let h = r.headers_mut();
    h.insert(UPGRADE, HeaderValue::from_static("websocket"));
    h.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    if let Ok(v) = HeaderValue::from_str(&accept) {
        h.insert(SEC_WEBSOCKET_ACCEPT, v);
    }
    Ok(r)
}

async fn publish<S>(subs: Arc<Subscribers>, mut ws: WebSocketStream<S>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    while let Some(Ok(msg)) = ws.next().await {
        match msg {
            Message::Text(text) => subs.broadcast(text),
            Message::Close(_) => break,
            _ => {}
        }
    }
}

async fn subscribe<S>(subs: Arc<Subscribers>, ws: WebSocketStream<S>)
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let (tx, mut rx) = mpsc::unbounded_channel();
    let id = subs.next.fetch_add(1, Ordering::Relaxed);
    subs.all
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(id, tx);
    let (mut sink, mut stream) = ws.split();
    let writer = async {
        while let Some(msg) = rx.recv().await {
            if sink.feed(msg).await.is_err() {
                return;
            }
            // Batch what is already queued, then one flush.
            while let Ok(msg) = rx.try_recv() {
                if sink.feed(msg).await.is_err() {
                    return;
                }
            }
            if sink.flush().await.is_err() {
                return;
            }
        }
    };
    let reader = async {
        while let Some(Ok(msg)) = stream.next().await {
            if msg.is_close() {
                break;
            }
        }
    };
    tokio::select! {
        () = writer => {}
        () = reader => {}
    }
    subs.all
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(&id);
}
