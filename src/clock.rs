//! Instants as text, from Unix seconds, through the `time` crate: RFC 3339 UTC (CloudEvents'
//! `ce-time`, error messages) and the local-looking `expiresOn` az prints.

use time::macros::format_description;
use time::OffsetDateTime;

/// `2021-08-17T06:56:14Z`.
pub fn rfc3339(secs: u64) -> String {
    format(
        secs,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z"),
    )
}

/// `2021-08-17 06:56:14.000000`, the form of `az account get-access-token`'s `expiresOn`.
pub fn az_time(secs: u64) -> String {
    format(
        secs,
        format_description!("[year]-[month]-[day] [hour]:[minute]:[second].000000"),
    )
}

fn format(secs: u64, description: &[time::format_description::BorrowedFormatItem<'_>]) -> String {
    let at = i64::try_from(secs)
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        // Past year 9999: the largest instant `time` has (never a real token's expiry).
        .unwrap_or(time::PrimitiveDateTime::MAX.assume_utc());
    at.format(description).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_629_183_374), "2021-08-17T06:56:14Z");
        assert_eq!(rfc3339(4_102_444_800), "2100-01-01T00:00:00Z");
        assert_eq!(az_time(1_629_183_374), "2021-08-17 06:56:14.000000");
        assert!(rfc3339(u64::MAX).starts_with("9999-12-31T23:59:59"));
    }
}
