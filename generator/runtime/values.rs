//! Graph's text-encoded primitives (`DateTimeOffset`, `Date`, `TimeOfDay`, `Duration`, `Guid`,
//! `Binary`) as lossless newtypes: each keeps the exact text Graph sent, so a value that does not
//! parse never fails a whole response and round-trips byte for byte; typed accessors parse it on
//! demand (`None` or an error when it does not parse). Dates and times parse through the `time`
//! crate behind the generated crate's `time` feature; GUIDs, base64 and ISO 8601 durations are
//! parsed here (a few lines each, no dependency).

macro_rules! text_value {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::default::Default,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash
        )]
        pub struct $name(::std::string::String);

        impl $name {
            /// The value from its text (not checked: Graph's text is kept as sent).
            pub fn new(text: impl ::core::convert::Into<::std::string::String>) -> Self {
                Self(text.into())
            }

            /// The text, exactly as Graph sent it or as it was given.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, owned.
            pub fn into_string(self) -> ::std::string::String {
                self.0
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.into())
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(text: ::std::string::String) -> Self {
                Self(text)
            }
        }

        // Reads as the text it holds (`value.as_deref()`, `&*value`), as the `String` it
        // replaced did: code written against text keeps compiling.
        impl ::core::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer).map(Self)
            }
        }
    };
}

text_value! {
    /// An `Edm.DateTimeOffset`: ISO 8601 date and time with an offset (Graph sends UTC as `Z`).
    /// With the `time` feature: `to_offset_date_time`.
    DateTimeOffset
}

text_value! {
    /// An `Edm.Date`: `yyyy-mm-dd`. With the `time` feature: `to_date`.
    Date
}

text_value! {
    /// An `Edm.TimeOfDay`: `hh:mm:ss` with optional fractional seconds. With the `time`
    /// feature: `to_time`.
    TimeOfDay
}

text_value! {
    /// An `Edm.Duration`: ISO 8601 (`P1DT2H30M`, `PT0.5S`). [`Duration::to_std`] reads it.
    Duration
}

text_value! {
    /// An `Edm.Guid`: `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`. [`Guid::to_u128`] reads it.
    Guid
}

text_value! {
    /// An `Edm.Binary`: base64 text. [`Binary::decode`] reads it, [`Binary::encode`] writes it.
    Binary
}

impl Guid {
    /// The GUID as a number (its 32 hex digits, big-endian as written), or `None` when the
    /// text is not a hyphenated GUID.
    pub fn to_u128(&self) -> ::core::option::Option<u128> {
        let text = self.0.as_bytes();
        if text.len() != 36 {
            return ::core::option::Option::None;
        }
        let mut value: u128 = 0;
        for (index, byte) in text.iter().enumerate() {
            if matches!(index, 8 | 13 | 18 | 23) {
                if *byte != b'-' {
                    return ::core::option::Option::None;
                }
                continue;
            }
            let digit = (*byte as char).to_digit(16)?;
            value = (value << 4) | u128::from(digit);
        }
        ::core::option::Option::Some(value)
    }

    /// The GUID of a number, hyphenated, lowercase.
    pub fn from_u128(value: u128) -> Self {
        let hex = ::std::format!("{value:032x}");
        Self(::std::format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        ))
    }
}

/// Why a [`Binary`] is not base64.
#[derive(::core::clone::Clone, ::core::fmt::Debug, ::core::cmp::PartialEq, ::core::cmp::Eq)]
pub struct Base64Error {
    /// Byte offset of the first character that does not belong.
    pub offset: usize,
}

impl ::core::fmt::Display for Base64Error {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::write!(f, "not base64 at byte {}", self.offset)
    }
}

impl ::std::error::Error for Base64Error {}

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

impl Binary {
    /// The bytes (standard base64; `=` padding optional, URL-safe `-` and `_` accepted too).
    pub fn decode(&self) -> ::core::result::Result<::std::vec::Vec<u8>, Base64Error> {
        // Services wrap long values (and `$batch` bodies): ASCII whitespace is skipped.
        let symbols: ::std::vec::Vec<(usize, u8)> = self
            .0
            .bytes()
            .enumerate()
            .filter(|(_, byte)| !byte.is_ascii_whitespace())
            .collect();
        let end = symbols
            .iter()
            .rposition(|(_, byte)| *byte != b'=')
            .map_or(0, |i| i + 1);
        if symbols.len() - end > 2 {
            return ::core::result::Result::Err(Base64Error {
                offset: symbols[end].0,
            });
        }
        let mut bytes = ::std::vec::Vec::with_capacity(end * 3 / 4);
        let mut buffer: u32 = 0;
        let mut bits = 0;
        for &(offset, byte) in &symbols[..end] {
            let sextet = match byte {
                b'A'..=b'Z' => byte - b'A',
                b'a'..=b'z' => byte - b'a' + 26,
                b'0'..=b'9' => byte - b'0' + 52,
                b'+' | b'-' => 62,
                b'/' | b'_' => 63,
                _ => return ::core::result::Result::Err(Base64Error { offset }),
            };
            buffer = (buffer << 6) | u32::from(sextet);
            bits += 6;
            if bits >= 8 {
                bits -= 8;
                bytes.push((buffer >> bits) as u8);
            }
        }
        // A lone sextet cannot end a group: at least two make a byte.
        if end % 4 == 1 {
            return ::core::result::Result::Err(Base64Error {
                offset: symbols[end - 1].0,
            });
        }
        ::core::result::Result::Ok(bytes)
    }

    /// The standard base64 text (with padding) of the bytes.
    pub fn encode(bytes: &[u8]) -> Self {
        let mut text = ::std::string::String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let group = chunk.iter().enumerate().fold(0u32, |group, (i, byte)| {
                group | u32::from(*byte) << (16 - 8 * i)
            });
            for i in 0..4 {
                if i <= chunk.len() {
                    let sextet = (group >> (18 - 6 * i)) & 0x3f;
                    text.push(char::from(BASE64_ALPHABET[sextet as usize]));
                } else {
                    text.push('=');
                }
            }
        }
        Self(text)
    }
}

impl Duration {
    /// The duration, or `None` when the text is not an ISO 8601 duration of days, hours,
    /// minutes and seconds (years and months have no fixed length; negative durations have
    /// no `std` form).
    pub fn to_std(&self) -> ::core::option::Option<::core::time::Duration> {
        let rest = self.0.strip_prefix('P')?;
        let (date, time) = match rest.split_once('T') {
            ::core::option::Option::Some((date, time)) if !time.is_empty() => (date, time),
            ::core::option::Option::Some(_) => return ::core::option::Option::None,
            ::core::option::Option::None => (rest, ""),
        };
        if date.is_empty() && time.is_empty() {
            return ::core::option::Option::None;
        }
        let mut total = ::core::time::Duration::ZERO;
        for (designators, part) in [
            (&[('W', 604_800u64), ('D', 86_400)][..], date),
            (&[('H', 3_600), ('M', 60), ('S', 1)][..], time),
        ] {
            let mut part = part;
            let mut allowed = designators;
            while !part.is_empty() {
                let at = part.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
                let (number, after) = part.split_at(at);
                let designator = after.chars().next()?;
                let position = allowed.iter().position(|(d, _)| *d == designator)?;
                let seconds = allowed[position].1;
                allowed = &allowed[position + 1..];
                let value: f64 = number.parse().ok()?;
                if number.contains('.') && designator != 'S' {
                    return ::core::option::Option::None;
                }
                total = total.checked_add(
                    ::core::time::Duration::try_from_secs_f64(value * seconds as f64).ok()?,
                )?;
                part = &after[designator.len_utf8()..];
            }
        }
        ::core::option::Option::Some(total)
    }

    /// The ISO 8601 text of a duration, in seconds (`PT90S`, `PT0.5S`).
    pub fn from_std(duration: ::core::time::Duration) -> Self {
        let nanos = duration.subsec_nanos();
        if nanos == 0 {
            Self(::std::format!("PT{}S", duration.as_secs()))
        } else {
            let fraction = ::std::format!("{nanos:09}");
            Self(::std::format!(
                "PT{}.{}S",
                duration.as_secs(),
                fraction.trim_end_matches('0')
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_keep_the_text_graph_sent() {
        for text in ["2021-07-01T08:30:00.1234567Z", "not a date", ""] {
            let json = ::serde_json::to_string(text).unwrap_or_default();
            let value: DateTimeOffset =
                ::serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(value.as_str(), text);
            assert_eq!(::serde_json::to_string(&value).ok(), Some(json));
        }
    }

    #[test]
    fn guids_parse_and_print() {
        let text = "0f3c5a52-8e3d-4B1E-9a57-3c2d7e6f9b10";
        let number = Guid::from(text).to_u128();
        assert_eq!(number, Some(0x0f3c5a52_8e3d_4b1e_9a57_3c2d7e6f9b10));
        assert_eq!(
            Guid::from_u128(0x0f3c5a52_8e3d_4b1e_9a57_3c2d7e6f9b10).as_str(),
            text.to_lowercase()
        );
        for bad in [
            "",
            "0f3c5a528e3d4b1e9a573c2d7e6f9b10",
            "0f3c5a52-8e3d-4b1e-9a57-3c2d7e6f9b1g",
        ] {
            assert_eq!(Guid::from(bad).to_u128(), None, "{bad}");
        }
    }

    #[test]
    fn binary_round_trips_through_base64() {
        for (bytes, text) in [
            (&b""[..], ""),
            (b"f", "Zg=="),
            (b"fo", "Zm8="),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg=="),
            (&[0xfb, 0xff][..], "+/8="),
        ] {
            assert_eq!(Binary::encode(bytes).as_str(), text);
            assert_eq!(Binary::from(text).decode().as_deref(), Ok(bytes));
            let wrapped = ::std::format!("{}\r\n", text);
            assert_eq!(Binary::from(wrapped).decode().as_deref(), Ok(bytes));
        }
        assert_eq!(Binary::from("Zm9vYg").decode(), Ok(b"foob".to_vec()));
        assert_eq!(Binary::from("-_8").decode(), Ok(vec![0xfb, 0xff]));
        assert_eq!(Binary::from("Zm 9v").decode(), Ok(b"foo".to_vec()));
        assert_eq!(
            Binary::from("Zm!9v").decode(),
            Err(Base64Error { offset: 2 })
        );
        assert_eq!(Binary::from("Z").decode(), Err(Base64Error { offset: 0 }));
        assert_eq!(
            Binary::from("Zg===").decode(),
            Err(Base64Error { offset: 2 })
        );
    }

    #[test]
    fn durations_read_days_hours_minutes_seconds() {
        let seconds = |text: &str| Duration::from(text).to_std().map(|d| d.as_secs_f64());
        assert_eq!(seconds("PT1H"), Some(3_600.0));
        assert_eq!(seconds("P1DT2H30M"), Some(95_400.0));
        assert_eq!(seconds("PT0.5S"), Some(0.5));
        assert_eq!(seconds("P2W"), Some(1_209_600.0));
        for bad in [
            "", "P", "PT", "P1Y", "P1M", "-PT1H", "PT1S1H", "PT1.5H", "1H",
        ] {
            assert_eq!(seconds(bad), None, "{bad}");
        }
        assert_eq!(
            Duration::from_std(::core::time::Duration::from_millis(90_500)).as_str(),
            "PT90.5S"
        );
        assert_eq!(
            Duration::from_std(::core::time::Duration::from_secs(90)).as_str(),
            "PT90S"
        );
    }
}
