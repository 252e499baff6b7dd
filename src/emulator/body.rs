//! Reading a request body whole, with a size limit and a deadline, and telling apart why it
//! failed: too large (413), malformed on the wire (400) or too slow (408).

use std::error::Error as StdError;
use std::time::Duration;

use axum::body::Body;
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};

/// How long a handler waits for a whole body. A deadline the server set on the body itself
/// (`--body-timeout`) may end it sooner.
pub const READ_TIMEOUT: Duration = Duration::from_secs(30);

/// Why a body could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error("the body is larger than the limit")]
    TooLarge,
    /// Bad chunked encoding, a body shorter than its `Content-Length`, or a connection that
    /// broke off in the middle.
    #[error("the body is malformed or incomplete")]
    Malformed,
    #[error("the body did not arrive in time")]
    TimedOut,
}

/// The error a request body yields once a deadline set on it has passed;
/// [`read_limited`] reports it as [`BodyError::TimedOut`].
#[derive(Debug, thiserror::Error)]
#[error("the request body did not arrive in time")]
pub struct DeadlinePassed;

/// Reads all of `body`, at most `limit` bytes, within `timeout`.
pub async fn read_limited(body: Body, limit: usize, timeout: Duration) -> Result<Bytes, BodyError> {
    match tokio::time::timeout(timeout, Limited::new(body, limit).collect()).await {
        Err(_) => Err(BodyError::TimedOut),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) => Err(classify(e.as_ref())),
    }
}

/// The limit's error and the deadline's are told apart by type, anywhere in the source chain
/// (axum wraps body errors, `--trace` wraps them once more); everything else is the wire's fault.
fn classify(e: &(dyn StdError + 'static)) -> BodyError {
    let mut cur = Some(e);
    while let Some(err) = cur {
        if err.is::<LengthLimitError>() {
            return BodyError::TooLarge;
        }
        if err.is::<DeadlinePassed>() {
            return BodyError::TimedOut;
        }
        cur = err.source();
    }
    BodyError::Malformed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stream_body(items: Vec<Result<&'static [u8], axum::BoxError>>) -> Body {
        Body::from_stream(futures_util::stream::iter(
            items.into_iter().map(|r| r.map(Bytes::from_static)),
        ))
    }

    #[tokio::test]
    async fn reads_a_body_within_the_limit() {
        let got = read_limited(Body::from("hello"), 5, READ_TIMEOUT).await;
        assert_eq!(got, Ok(Bytes::from_static(b"hello")));
    }

    #[tokio::test]
    async fn tells_the_three_failures_apart() {
        let big = read_limited(Body::from("hello!"), 5, READ_TIMEOUT).await;
        assert_eq!(big, Err(BodyError::TooLarge));

        let broken = stream_body(vec![Ok(b"ab"), Err("invalid chunk size line".into())]);
        assert_eq!(
            read_limited(broken, 100, READ_TIMEOUT).await,
            Err(BodyError::Malformed)
        );

        let late = stream_body(vec![Ok(b"ab"), Err(Box::new(DeadlinePassed))]);
        assert_eq!(
            read_limited(late, 100, READ_TIMEOUT).await,
            Err(BodyError::TimedOut)
        );

        let never =
            Body::from_stream(futures_util::stream::pending::<Result<Bytes, axum::BoxError>>());
        assert_eq!(
            read_limited(never, 100, Duration::from_millis(20)).await,
            Err(BodyError::TimedOut)
        );
    }
}
