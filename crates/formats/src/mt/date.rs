//! DATE values: MT's `MM/DD/YYYY hh:mm:ss AM|PM`, plus the 24-hour, two-digit-year and
//! year-first variants that Japanese hosts and hand-made converters write.

use jiff::civil::DateTime;
use jiff::tz::Offset;

use super::MtDate;

pub(crate) const EXPECTED: &str = "expected MM/DD/YYYY hh:mm:ss AM|PM";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateError {
    /// Not shaped like any date form we know.
    Syntax,
    /// Shaped like a date, but a field is out of range (month 13, February 30, 25:00, ...).
    Range,
}

/// Parses a DATE value (already trimmed). The `Ok` side carries a warning when the value was
/// read with some guessing: a year-first/ISO form, a pivoted two-digit year, missing seconds.
pub(crate) fn parse_date(raw: &str) -> Result<(MtDate, Option<String>), DateError> {
    let mut cur = Cursor::new(raw);
    let first = cur.digits(1, 4).ok_or(DateError::Syntax)?;
    match first.len {
        4 => year_first(raw, first.value, cur),
        1 | 2 => month_first(raw, first.value, cur),
        _ => Err(DateError::Syntax),
    }
}

fn month_first(
    raw: &str,
    month: u32,
    mut cur: Cursor,
) -> Result<(MtDate, Option<String>), DateError> {
    let syntax = DateError::Syntax;
    cur.expect(b'/')?;
    let day = cur.digits(1, 2).ok_or(syntax)?.value;
    cur.expect(b'/')?;
    let year = cur.digits(2, 4).ok_or(syntax)?;
    if year.len == 3 {
        return Err(syntax);
    }
    if cur.spaces() == 0 {
        return Err(syntax);
    }
    let (mut hour, minute, second) = cur.time().ok_or(syntax)?;
    cur.spaces();
    let meridiem = cur.meridiem();
    if !cur.at_end() {
        return Err(syntax);
    }
    match meridiem {
        Some(Meridiem::Pm) if hour < 12 => hour += 12,
        Some(Meridiem::Am) if hour == 12 => hour = 0,
        _ => {}
    }
    let mut notes = Vec::new();
    let full_year = if year.len == 2 {
        let y = if year.value >= 70 {
            1900 + year.value
        } else {
            2000 + year.value
        };
        notes.push(format!("two-digit year read as {y}"));
        y
    } else {
        year.value
    };
    if second.is_none() {
        notes.push("no seconds; read as :00".to_owned());
    }
    let local = civil(full_year, month, day, hour, minute, second.unwrap_or(0))?;
    let warning = (!notes.is_empty()).then(|| format!("DATE \"{raw}\": {}", notes.join(", ")));
    Ok((mt_date(raw, local, None), warning))
}

fn year_first(
    raw: &str,
    year: u32,
    mut cur: Cursor,
) -> Result<(MtDate, Option<String>), DateError> {
    let syntax = DateError::Syntax;
    let sep = if cur.eat(b'-') {
        b'-'
    } else if cur.eat(b'/') {
        b'/'
    } else {
        return Err(syntax);
    };
    let month = cur.digits(1, 2).ok_or(syntax)?.value;
    cur.expect(sep)?;
    let day = cur.digits(1, 2).ok_or(syntax)?.value;
    if !(cur.eat(b'T') || cur.spaces() > 0) {
        return Err(syntax);
    }
    let (hour, minute, second) = cur.time().ok_or(syntax)?;
    if second.is_some() && cur.eat(b'.') {
        cur.digits(1, 9).ok_or(syntax)?;
    }
    cur.spaces();
    let offset = if cur.at_end() {
        None
    } else {
        Some(cur.offset().ok_or(syntax)?)
    };
    if !cur.at_end() {
        return Err(syntax);
    }
    let local = civil(year, month, day, hour, minute, second.unwrap_or(0))?;
    let offset = match offset {
        Some(secs) => Some(Offset::from_seconds(secs).map_err(|_| DateError::Range)?),
        None => None,
    };
    let mut read_as = local.strftime("%Y-%m-%d %H:%M:%S").to_string();
    if let Some(o) = offset {
        read_as.push_str(&format!(" {o}"));
    }
    let warning = format!("DATE \"{raw}\" is not in MT's MM/DD/YYYY form; read as {read_as}");
    Ok((mt_date(raw, local, offset), Some(warning)))
}

fn civil(
    year: u32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
) -> Result<DateTime, DateError> {
    let narrow = |v: u32| i8::try_from(v).map_err(|_| DateError::Range);
    let year = i16::try_from(year).map_err(|_| DateError::Range)?;
    DateTime::new(
        year,
        narrow(month)?,
        narrow(day)?,
        narrow(hour)?,
        narrow(minute)?,
        narrow(second)?,
        0,
    )
    .map_err(|_| DateError::Range)
}

fn mt_date(raw: &str, local: DateTime, offset: Option<Offset>) -> MtDate {
    MtDate {
        local,
        offset,
        raw: raw.to_owned(),
    }
}

/// MT's own form, zero-padded, English AM/PM: `08/08/2007 03:00:00 PM`.
pub fn format_date(dt: &DateTime) -> String {
    let hour = dt.hour();
    let h12 = match hour % 12 {
        0 => 12,
        h => h,
    };
    let meridiem = if hour < 12 { "AM" } else { "PM" };
    format!(
        "{:02}/{:02}/{:04} {:02}:{:02}:{:02} {meridiem}",
        dt.month(),
        dt.day(),
        dt.year(),
        h12,
        dt.minute(),
        dt.second()
    )
}

#[derive(Clone, Copy)]
enum Meridiem {
    Am,
    Pm,
}

struct Digits {
    value: u32,
    len: usize,
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Cursor {
            s: s.as_bytes(),
            i: 0,
        }
    }

    fn at_end(&self) -> bool {
        self.i >= self.s.len()
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, b: u8) -> Result<(), DateError> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(DateError::Syntax)
        }
    }

    fn spaces(&mut self) -> usize {
        let start = self.i;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
        self.i - start
    }

    /// Between `min` and `max` ASCII digits; more than `max` is a syntax error, not a split.
    fn digits(&mut self, min: usize, max: usize) -> Option<Digits> {
        let start = self.i;
        let mut value: u32 = 0;
        while let Some(b @ b'0'..=b'9') = self.peek() {
            if self.i - start == max {
                return None;
            }
            value = value * 10 + u32::from(b - b'0');
            self.i += 1;
        }
        let len = self.i - start;
        (len >= min).then_some(Digits { value, len })
    }

    /// Exactly `n` digits, whatever follows (offsets like `+0900` have no separator).
    fn exactly(&mut self, n: usize) -> Option<u32> {
        let digits = self.s.get(self.i..self.i + n)?;
        if !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.i += n;
        Some(digits.iter().fold(0, |v, d| v * 10 + u32::from(d - b'0')))
    }

    /// `h:mm` with optional `:ss`.
    fn time(&mut self) -> Option<(u32, u32, Option<u32>)> {
        let hour = self.digits(1, 2)?.value;
        if !self.eat(b':') {
            return None;
        }
        let minute = self.digits(1, 2)?.value;
        let second = if self.eat(b':') {
            Some(self.digits(1, 2)?.value)
        } else {
            None
        };
        Some((hour, minute, second))
    }

    fn meridiem(&mut self) -> Option<Meridiem> {
        let rest = self.s.get(self.i..self.i + 2)?;
        let m = match rest.to_ascii_uppercase().as_slice() {
            b"AM" => Meridiem::Am,
            b"PM" => Meridiem::Pm,
            _ => return None,
        };
        self.i += 2;
        Some(m)
    }

    /// `Z`, `+09:00`, `+0900` or `+09`, in seconds east of UTC.
    fn offset(&mut self) -> Option<i32> {
        if self.eat(b'Z') || self.eat(b'z') {
            return Some(0);
        }
        let sign = if self.eat(b'+') {
            1
        } else if self.eat(b'-') {
            -1
        } else {
            return None;
        };
        let hours = self.exactly(2)?;
        let minutes = if self.at_end() {
            0
        } else {
            self.eat(b':');
            self.exactly(2)?
        };
        if minutes >= 60 {
            return None;
        }
        i32::try_from(hours * 3600 + minutes * 60)
            .ok()
            .map(|s| sign * s)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ok(raw: &str) -> (DateTime, Option<Offset>, bool) {
        let (d, w) = parse_date(raw).unwrap();
        assert_eq!(d.raw, raw);
        (d.local, d.offset, w.is_some())
    }

    #[test]
    fn mt_forms() {
        assert_eq!(
            ok("01/31/2002 03:31:05 PM"),
            (date(2002, 1, 31).at(15, 31, 5, 0), None, false)
        );
        assert_eq!(
            ok("01/31/2002 15:31:05"),
            (date(2002, 1, 31).at(15, 31, 5, 0), None, false)
        );
        assert_eq!(
            ok("01/31/2002 12:00:00 AM").0,
            date(2002, 1, 31).at(0, 0, 0, 0)
        );
        assert_eq!(
            ok("01/31/2002 12:00:00 PM").0,
            date(2002, 1, 31).at(12, 0, 0, 0)
        );
        assert_eq!(
            ok("01/31/2002 03:00:00 pm").0,
            date(2002, 1, 31).at(15, 0, 0, 0)
        );
        assert_eq!(ok("1/2/2005 1:02:03").0, date(2005, 1, 2).at(1, 2, 3, 0));
    }

    #[test]
    fn guessed_forms_warn() {
        assert_eq!(
            ok("1/2/05 1:02:03"),
            (date(2005, 1, 2).at(1, 2, 3, 0), None, true)
        );
        assert_eq!(ok("1/2/75 1:02:03").0, date(1975, 1, 2).at(1, 2, 3, 0));
        assert_eq!(
            ok("01/31/2002 15:31"),
            (date(2002, 1, 31).at(15, 31, 0, 0), None, true)
        );
        let nine = Offset::from_hours(9).unwrap();
        assert_eq!(
            ok("2017-03-18T18:22:52+09:00"),
            (date(2017, 3, 18).at(18, 22, 52, 0), Some(nine), true)
        );
        assert_eq!(ok("2017-03-18 18:22:52").1, None);
        assert_eq!(ok("2017/03/18 18:22").0, date(2017, 3, 18).at(18, 22, 0, 0));
        assert_eq!(ok("2017-03-18T18:22:52.123Z").1, Some(Offset::UTC));
        assert_eq!(
            ok("2017-03-18T18:22:52-0530").1,
            Some(Offset::from_seconds(-19800).unwrap())
        );
    }

    #[test]
    fn rejects() {
        for bad in [
            "tomorrow",
            "",
            "01/31/2002",
            "01/31/2002 15:31:05 XM",
            "01/31/202 15:31:05",
            "2017-03-18",
            "2017-03-18T18:22:52+9",
            "01/31/2002 15:31:05 PM extra",
            "123/1/2002 1:02:03",
        ] {
            assert_eq!(parse_date(bad).map(|_| ()), Err(DateError::Syntax), "{bad}");
        }
        for bad in [
            "02/30/2002 01:00:00",
            "13/01/2002 01:00:00",
            "01/01/2002 25:00:00",
        ] {
            assert_eq!(parse_date(bad).map(|_| ()), Err(DateError::Range), "{bad}");
        }
    }

    #[test]
    fn formats_zero_padded_twelve_hour() {
        assert_eq!(
            format_date(&date(2007, 8, 8).at(15, 0, 0, 0)),
            "08/08/2007 03:00:00 PM"
        );
        assert_eq!(
            format_date(&date(2002, 1, 31).at(0, 5, 9, 0)),
            "01/31/2002 12:05:09 AM"
        );
        assert_eq!(
            format_date(&date(2002, 1, 31).at(12, 0, 0, 0)),
            "01/31/2002 12:00:00 PM"
        );
        assert_eq!(
            format_date(&date(5, 1, 1).at(23, 59, 59, 0)),
            "01/01/0005 11:59:59 PM"
        );
    }
}
