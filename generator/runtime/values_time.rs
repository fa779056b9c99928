//! Dates and times are read by hand (`yyyy-mm-dd`, `hh:mm:ss[.f]`) and built with `time`'s
//! constructors, which every 0.3 release has; RFC 3339 through `time`'s parser.
//!
//! Behind the `time` feature (see `mod.rs`); the types themselves are in `values.rs`, whose
//! private text this reads through `as_str` and `new`.

use super::{Date, DateTimeOffset, TimeOfDay};

impl DateTimeOffset {
    /// The instant: RFC 3339 (`2021-07-01T08:30:00.1234567Z`, `...+02:00`); a value without
    /// an offset (some Graph services send one) is read as UTC.
    pub fn to_offset_date_time(&self) -> ::core::option::Option<::time::OffsetDateTime> {
        let rfc3339 = &::time::format_description::well_known::Rfc3339;
        if let ::core::result::Result::Ok(at) =
            ::time::OffsetDateTime::parse(self.as_str(), rfc3339)
        {
            return ::core::option::Option::Some(at);
        }
        let (date, time) = self.as_str().split_once('T')?;
        let date = parse_date(date)?;
        let time = parse_time(time)?;
        ::core::option::Option::Some(::time::PrimitiveDateTime::new(date, time).assume_utc())
    }

    /// The RFC 3339 text of an instant.
    pub fn from_offset_date_time(at: ::time::OffsetDateTime) -> Self {
        let rfc3339 = &::time::format_description::well_known::Rfc3339;
        Self::new(at.format(rfc3339).unwrap_or_default())
    }
}

impl Date {
    /// The calendar date, or `None` when the text is not `yyyy-mm-dd`.
    pub fn to_date(&self) -> ::core::option::Option<::time::Date> {
        parse_date(self.as_str())
    }

    /// The `yyyy-mm-dd` text of a date.
    pub fn from_date(date: ::time::Date) -> Self {
        Self::new(::std::format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            u8::from(date.month()),
            date.day()
        ))
    }
}

impl TimeOfDay {
    /// The time of day, or `None` when the text is not `hh:mm:ss[.fffffff]`.
    pub fn to_time(&self) -> ::core::option::Option<::time::Time> {
        parse_time(self.as_str())
    }

    /// The `hh:mm:ss[.fffffffff]` text of a time of day (no fraction when it is zero).
    pub fn from_time(time: ::time::Time) -> Self {
        let mut text = ::std::format!(
            "{:02}:{:02}:{:02}",
            time.hour(),
            time.minute(),
            time.second()
        );
        if time.nanosecond() != 0 {
            let fraction = ::std::format!("{:09}", time.nanosecond());
            text.push('.');
            text.push_str(fraction.trim_end_matches('0'));
        }
        Self::new(text)
    }
}

/// `digits` ASCII digits exactly, as a number.
fn number(text: &str, digits: usize) -> ::core::option::Option<u32> {
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return ::core::option::Option::None;
    }
    text.parse().ok()
}

fn parse_date(text: &str) -> ::core::option::Option<::time::Date> {
    let mut parts = text.split('-');
    let year = number(parts.next()?, 4)?;
    let month = u8::try_from(number(parts.next()?, 2)?).ok()?;
    let day = u8::try_from(number(parts.next()?, 2)?).ok()?;
    if parts.next().is_some() {
        return ::core::option::Option::None;
    }
    let month = ::time::Month::try_from(month).ok()?;
    ::time::Date::from_calendar_date(i32::try_from(year).ok()?, month, day).ok()
}

fn parse_time(text: &str) -> ::core::option::Option<::time::Time> {
    // A `.` promises digits: `08:30:00.` is malformed, not a whole second.
    let (clock, fraction) = match text.split_once('.') {
        ::core::option::Option::Some((_, "")) => return ::core::option::Option::None,
        ::core::option::Option::Some((clock, fraction)) => (clock, fraction),
        ::core::option::Option::None => (text, ""),
    };
    let mut parts = clock.split(':');
    let hour = u8::try_from(number(parts.next()?, 2)?).ok()?;
    let minute = u8::try_from(number(parts.next()?, 2)?).ok()?;
    let second = u8::try_from(number(parts.next()?, 2)?).ok()?;
    if parts.next().is_some() || fraction.len() > 9 {
        return ::core::option::Option::None;
    }
    let nanosecond = if fraction.is_empty() {
        0
    } else {
        number(fraction, fraction.len())? * 10u32.pow(9 - fraction.len() as u32)
    };
    ::time::Time::from_hms_nano(hour, minute, second, nanosecond).ok()
}

#[cfg(test)]
mod tests {
    use super::{Date, DateTimeOffset, TimeOfDay};

    #[test]
    fn dates_and_times_parse_with_the_time_feature() {
        let at = DateTimeOffset::from("2021-07-01T08:30:00.1234567Z").to_offset_date_time();
        assert_eq!(at.map(|at| at.unix_timestamp()), Some(1_625_128_200));
        assert_eq!(at.map(|at| at.nanosecond()), Some(123_456_700));
        let offset = DateTimeOffset::from("2021-07-01T10:30:00+02:00").to_offset_date_time();
        assert_eq!(offset.map(|at| at.unix_timestamp()), Some(1_625_128_200));
        let no_offset = DateTimeOffset::from("2021-07-01T08:30:00").to_offset_date_time();
        assert_eq!(no_offset.map(|at| at.unix_timestamp()), Some(1_625_128_200));
        assert_eq!(
            DateTimeOffset::from("yesterday").to_offset_date_time(),
            None
        );
        if let Some(at) = at {
            assert_eq!(
                DateTimeOffset::from_offset_date_time(at).as_str(),
                "2021-07-01T08:30:00.1234567Z"
            );
        }

        let date = Date::from("2021-07-01").to_date();
        assert_eq!(date.map(|d| (d.year(), d.ordinal())), Some((2021, 182)));
        assert_eq!(date.map(Date::from_date), Some(Date::from("2021-07-01")));
        assert_eq!(Date::from("2021-13-01").to_date(), None);

        let time = TimeOfDay::from("08:30:15.5").to_time();
        assert_eq!(
            time.map(|t| (t.hour(), t.second(), t.millisecond())),
            Some((8, 15, 500))
        );
        assert_eq!(
            time.map(TimeOfDay::from_time),
            Some(TimeOfDay::from("08:30:15.5"))
        );
        for bad in [
            "8:30:00",
            "08:30",
            "08:30:00.",
            "08:30:00.1234567890",
            "24:00:00",
        ] {
            assert_eq!(TimeOfDay::from(bad).to_time(), None, "{bad}");
        }
        for bad in ["2021-7-01", "2021-07-01-01", "2021-02-30", "21-07-01"] {
            assert_eq!(Date::from(bad).to_date(), None, "{bad}");
        }
    }
}
