//! Publication dates: one type, parsed once from TOML, shown many ways.
//!
//! Owns `Date` (an instant plus the offset it was written with) and `Zone` (the site's time
//! zone, for dates written without an offset). Formatting for humans ("5 February 2023"),
//! machines (RFC 3339) and URLs (year, month, day) lives here and nowhere else.

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use serde::Serialize;

/// The site's time zone.
#[derive(Debug, Clone)]
pub struct Zone(TimeZone);

impl Zone {
    /// Looks up an IANA zone name such as `Europe/Kyiv`, in the time-zone database compiled
    /// into dateline (jiff's bundled copy), not the machine's: the same site then builds the
    /// same on every machine, and no start-up scan of `/usr/share/zoneinfo` is needed.
    pub fn named(name: &str) -> Result<Self, String> {
        static DB: std::sync::OnceLock<jiff::tz::TimeZoneDatabase> = std::sync::OnceLock::new();
        let db = DB.get_or_init(jiff::tz::TimeZoneDatabase::bundled);
        db.get(name).map(Zone).map_err(|_| {
            format!("unknown timezone `{name}`; use an IANA name such as Europe/Kyiv or UTC")
        })
    }

    /// UTC.
    pub fn utc() -> Self {
        Zone(TimeZone::UTC)
    }
}

/// A point in time with the offset it is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date {
    ts: Timestamp,
    offset: Offset,
    /// `ts` in `offset`, worked out once: lists show many dates many times.
    civil: civil::DateTime,
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.ts.cmp(&other.ts)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// Converts a TOML date or datetime; a missing offset means the site's zone.
    pub fn from_toml(dt: &toml::value::Datetime, zone: &Zone) -> Result<Self, String> {
        let d = dt
            .date
            .ok_or("a time without a date is not a publication date; write 2023-02-05 or 2023-02-05T09:30:00+02:00")?;
        let t = dt.time.unwrap_or(toml::value::Time {
            hour: 0,
            minute: 0,
            second: Some(0),
            nanosecond: Some(0),
        });
        let civil = civil::DateTime::new(
            d.year as i16,
            d.month as i8,
            d.day as i8,
            t.hour as i8,
            t.minute as i8,
            t.second.unwrap_or(0) as i8,
            t.nanosecond.unwrap_or(0) as i32,
        )
        .map_err(|e| format!("invalid date {dt}: {e}"))?;
        let (ts, offset) = match dt.offset {
            Some(toml::value::Offset::Z) => (Offset::UTC.to_timestamp(civil), Offset::UTC),
            Some(toml::value::Offset::Custom { minutes }) => {
                let off =
                    Offset::from_seconds(i32::from(minutes) * 60).map_err(|e| e.to_string())?;
                (off.to_timestamp(civil), off)
            }
            None => {
                let ts = zone.0.to_timestamp(civil).map_err(|e| e.to_string())?;
                (Ok(ts), zone.0.to_offset(ts))
            }
        };
        let ts = ts.map_err(|e| format!("invalid date {dt}: {e}"))?;
        Ok(Date::at(ts, offset))
    }

    /// Parses RFC 3339 (`2024-03-01T18:00:00+02:00`) or a plain date in `zone`.
    pub fn parse(s: &str, zone: &Zone) -> Result<Self, String> {
        let dt: toml::value::Datetime = s.parse().map_err(|_| {
            format!("`{s}` is not a date; write 2024-03-01 or 2024-03-01T18:00:00+02:00")
        })?;
        Self::from_toml(&dt, zone)
    }

    /// Now.
    pub fn now() -> Self {
        Date::at(Timestamp::now(), Offset::UTC)
    }

    /// The same instant shown in the offset `zone` has at that moment.
    pub fn in_zone(&self, zone: &Zone) -> Self {
        Date::at(self.ts, zone.0.to_offset(self.ts))
    }

    fn at(ts: Timestamp, offset: Offset) -> Self {
        Date {
            ts,
            offset,
            civil: offset.to_datetime(ts),
        }
    }

    fn civil(&self) -> civil::DateTime {
        self.civil
    }

    /// Year and month in the written offset, to group by.
    pub fn year_month(&self) -> (i16, i8) {
        (self.civil.year(), self.civil.month())
    }

    /// Year in the written offset.
    pub fn year(&self) -> i16 {
        self.civil().year()
    }

    /// Month 1–12 in the written offset.
    pub fn month(&self) -> i8 {
        self.civil().month()
    }

    /// Day of month in the written offset.
    pub fn day(&self) -> i8 {
        self.civil().day()
    }

    /// RFC 3339 with the written offset, e.g. `2023-02-05T10:00:00+02:00`.
    pub fn rfc3339(&self) -> String {
        let c = self.civil();
        if !(0..=9999).contains(&c.year()) {
            return self.rfc3339_by_strftime();
        }
        // Fixed-width fields, written directly (feeds and JSON-LD format thousands of dates).
        let mut s = String::with_capacity(25);
        push_ymd(&mut s, c);
        for (sep, n) in [('T', c.hour()), (':', c.minute()), (':', c.second())] {
            s.push(sep);
            push_padded(&mut s, n.unsigned_abs().into(), 2);
        }
        let secs = self.offset.seconds();
        if secs == 0 {
            s.push('Z');
        } else {
            s.push(if secs < 0 { '-' } else { '+' });
            push_padded(&mut s, secs.unsigned_abs() / 3600, 2);
            s.push(':');
            push_padded(&mut s, (secs.unsigned_abs() % 3600) / 60, 2);
        }
        s
    }

    /// `rfc3339` through jiff's `strftime`, for years outside 0–9999.
    fn rfc3339_by_strftime(&self) -> String {
        let c = self.civil();
        let secs = self.offset.seconds();
        let sign = if secs < 0 { '-' } else { '+' };
        let (h, m) = (secs.abs() / 3600, (secs.abs() % 3600) / 60);
        if secs == 0 {
            return format!("{}Z", c.strftime("%Y-%m-%dT%H:%M:%S"));
        }
        format!("{}{sign}{h:02}:{m:02}", c.strftime("%Y-%m-%dT%H:%M:%S"))
    }

    /// RFC 2822 for RSS, e.g. `Sun, 05 Feb 2023 10:00:00 +0200`.
    pub fn rfc2822(&self) -> String {
        let secs = self.offset.seconds();
        let sign = if secs < 0 { '-' } else { '+' };
        let (h, m) = (secs.abs() / 3600, (secs.abs() % 3600) / 60);
        format!(
            "{} {sign}{h:02}{m:02}",
            self.civil().strftime("%a, %d %b %Y %H:%M:%S")
        )
    }

    /// `5 February 2023`.
    pub fn human(&self) -> String {
        let c = self.civil();
        let month = MONTHS[(c.month() - 1) as usize];
        let mut s = String::with_capacity(20);
        push_padded(&mut s, c.day().unsigned_abs().into(), 1);
        s.push(' ');
        s.push_str(month);
        s.push(' ');
        s.push_str(&c.year().to_string());
        s
    }

    /// The long date in a language (`5 February 2023`, `5 лютого 2023 р.`; CLDR).
    pub fn human_in(&self, locale: &crate::lang::Locale) -> String {
        let c = self.civil();
        locale.date(c.year(), c.month(), c.day())
    }

    /// The month and year in a language (`February 2023`, `лютий 2023 р.`; CLDR), for
    /// timelines.
    pub fn month_label_in(&self, locale: &crate::lang::Locale) -> String {
        let c = self.civil();
        locale.month(c.year(), c.month())
    }

    /// `February 2023`, for timelines.
    pub fn month_label(&self) -> String {
        let c = self.civil();
        [MONTHS[(c.month() - 1) as usize], " ", &c.year().to_string()].concat()
    }

    /// `2023-02-05`.
    pub fn ymd(&self) -> String {
        let c = self.civil();
        if c.year() < 0 {
            return format!("{:04}-{:02}-{:02}", c.year(), c.month(), c.day());
        }
        let mut s = String::with_capacity(10);
        push_ymd(&mut s, c);
        s
    }

    /// Seconds since the Unix epoch.
    pub fn unix(&self) -> i64 {
        self.ts.as_second()
    }
}

/// A date as templates see it.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// RFC 3339.
    pub iso: String,
    /// "5 February 2023".
    pub human: String,
    /// "2023-02-05".
    pub ymd: String,
    /// Year number.
    pub year: i16,
}

impl DateView {
    /// The view of `d` in the language of `locale`.
    pub fn new(d: &Date, locale: &crate::lang::Locale) -> Self {
        DateView {
            iso: d.rfc3339(),
            human: d.human_in(locale),
            ymd: d.ymd(),
            year: d.year(),
        }
    }
}

/// Appends `2023-02-05` (a year from 0 on).
fn push_ymd(s: &mut String, c: civil::DateTime) {
    push_padded(s, c.year().unsigned_abs().into(), 4);
    for n in [c.month(), c.day()] {
        s.push('-');
        push_padded(s, n.unsigned_abs().into(), 2);
    }
}

/// Appends `n` in decimal, zero-padded to at least `width` digits.
fn push_padded(s: &mut String, n: u32, width: usize) {
    let mut buf = [b'0'; 10];
    let (mut i, mut n) = (buf.len(), n);
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = i.min(buf.len() - width.min(buf.len()));
    s.extend(buf[start..].iter().map(|b| char::from(*b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let z = Zone::named("Europe/Kyiv").unwrap();
        let d = Date::parse("2023-02-05T10:00:00+02:00", &z).unwrap();
        assert_eq!(d.rfc3339(), "2023-02-05T10:00:00+02:00");
        assert_eq!(d.human(), "5 February 2023");
        assert_eq!(d.rfc2822(), "Sun, 05 Feb 2023 10:00:00 +0200");
        let local = Date::parse("2023-07-01", &z).unwrap();
        assert_eq!(local.rfc3339(), "2023-07-01T00:00:00+03:00");
        assert!(Date::parse("yesterday", &z).is_err());
    }

    #[test]
    fn zones_come_from_the_built_in_database() {
        // The old spelling is a link in the database, to the same rules.
        let winter = "2023-01-15";
        for name in ["Europe/Kyiv", "Europe/Kiev", "europe/kyiv"] {
            let z = Zone::named(name).unwrap();
            let d = Date::parse(winter, &z).unwrap();
            assert_eq!(d.rfc3339(), "2023-01-15T00:00:00+02:00", "{name}");
        }
        let e = Zone::named("Mars/Olympus_Mons").unwrap_err();
        assert!(e.contains("unknown timezone `Mars/Olympus_Mons`"), "{e}");
    }

    #[test]
    fn rfc3339_matches_strftime() {
        let z = Zone::named("Europe/Kyiv").unwrap();
        for text in [
            "2023-02-05T10:00:00+02:00",
            "2024-01-01T00:01:58Z",
            "1999-12-31T23:59:59-03:30",
            "0042-06-07T08:09:10+14:00",
            "2026-11-25T14:00:00+05:45",
            "2023-07-01",
        ] {
            let d = Date::parse(text, &z).unwrap();
            assert_eq!(d.rfc3339(), d.rfc3339_by_strftime(), "{text}");
            assert_eq!(d.ymd(), d.rfc3339_by_strftime()[..10], "{text}");
        }
        let mut s = String::new();
        push_padded(&mut s, 7, 2);
        push_padded(&mut s, 123, 2);
        push_padded(&mut s, 0, 4);
        assert_eq!(s, "071230000");
    }
}
