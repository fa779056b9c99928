//! `Retry-After` (RFC 9110, section 10.2.3): delay-seconds or an HTTP-date, read as the number of
//! seconds to wait from now.

/// The wait a `Retry-After` value asks for, in whole seconds from `now`: `"120"`, or an
/// HTTP-date (`Wed, 21 Oct 2015 07:28:00 GMT`, or the two obsolete forms recipients must
/// still accept); a date in the past means no wait. `None` when the value is neither.
pub fn retry_after_seconds(
    value: &str,
    now: ::std::time::SystemTime,
) -> ::core::option::Option<u64> {
    let value = value.trim();
    if let ::core::result::Result::Ok(seconds) = value.parse::<u64>() {
        return ::core::option::Option::Some(seconds);
    }
    let date = parse_http_date(value)?;
    let wait = date.duration_since(now).unwrap_or_default();
    // A part of a second still to wait counts as a whole one: never retry early.
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    ::core::option::Option::Some(seconds)
}

/// The `Retry-After` header of an answer, as seconds to wait from now.
pub fn retry_after_header(headers: &::http::HeaderMap) -> ::core::option::Option<u64> {
    headers
        .get(::http::header::RETRY_AFTER)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| retry_after_seconds(value, ::std::time::SystemTime::now()))
}

/// An HTTP-date: IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) or asctime (`Sun Nov  6 08:49:37 1994`).
fn parse_http_date(text: &str) -> ::core::option::Option<::std::time::SystemTime> {
    let words: ::std::vec::Vec<&str> = text.split_ascii_whitespace().collect();
    let (day, month, year, time) = match words.as_slice() {
        [_, day, month, year, time, "GMT"] => (*day, *month, year.parse::<i64>().ok()?, *time),
        [_, date, time, "GMT"] => {
            let mut parts = date.split('-');
            let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
            // Two-digit years: RFC 9110 reads those more than 50 years ahead as the past.
            let year = year.parse::<i64>().ok()?;
            let year = if year < 70 { 2000 + year } else { 1900 + year };
            (day, month, year, *time)
        }
        [_, month, day, time, year] => (*day, *month, year.parse::<i64>().ok()?, *time),
        _ => return ::core::option::Option::None,
    };
    let month = MONTHS.iter().position(|name| *name == month)?;
    let day = day
        .parse::<i64>()
        .ok()
        .filter(|day| (1..=31).contains(day))?;
    let mut clock = time.split(':').map(|part| part.parse::<u64>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if clock.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return ::core::option::Option::None;
    }
    let days = u64::try_from(days_from_civil(year, month as i64 + 1, day)).ok()?;
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second;
    ::std::time::UNIX_EPOCH.checked_add(::core::time::Duration::from_secs(seconds))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn the_three_date_forms_read_as_the_same_instant() {
        // 1994-11-06T08:49:37Z, RFC 9110's own example.
        let expected = UNIX_EPOCH.checked_add(Duration::from_secs(784_111_777));
        for form in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(parse_http_date(form), expected, "{form}");
        }
        let leap = UNIX_EPOCH.checked_add(Duration::from_secs(951_782_400));
        assert_eq!(parse_http_date("Tue, 29 Feb 2000 00:00:00 GMT"), leap);
        assert_eq!(
            parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(UNIX_EPOCH)
        );
    }

    #[test]
    fn seconds_dates_and_nonsense() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(retry_after_seconds(" 120 ", now), Some(120));
        assert_eq!(retry_after_seconds("0", now), Some(0));
        assert_eq!(
            retry_after_seconds("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(30)
        );
        // Past dates mean now; a fraction of a second still to wait rounds up.
        assert_eq!(
            retry_after_seconds("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(0)
        );
        let almost = now - Duration::from_millis(300);
        assert_eq!(
            retry_after_seconds("Sun, 06 Nov 1994 08:49:37 GMT", almost),
            Some(1)
        );
        for nonsense in [
            "",
            "-5",
            "1.5",
            "soon",
            "Sun, 06 Nov 1994 08:49:37 CET",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49 GMT",
            "Sun, 06 Nov 1994 08:49:37:01 GMT",
            "Sun, 06 Nov -1994 08:49:37 GMT",
        ] {
            assert_eq!(retry_after_seconds(nonsense, now), None, "{nonsense:?}");
        }
    }
}
