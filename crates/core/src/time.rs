//! The blog clock: the one place where stored instants (Unix seconds, UTC) become local
//! calendar values in a blog's time zone, and back.

use jiff::{Timestamp, ZonedDateTime, civil::DateTime, tz::TimeZone};

/// Converts stored seconds to the blog's local time. Out-of-range values clamp to the epoch,
/// so a corrupt row can never make a page fail to render.
pub fn to_local(unix_seconds: i64, tz: &TimeZone) -> ZonedDateTime {
    let ts = Timestamp::from_second(unix_seconds).unwrap_or(Timestamp::UNIX_EPOCH);
    ts.to_zoned_datetime(tz.clone())
}

/// Interprets a wall-clock time in the blog's zone (earlier instant on a DST fold).
pub fn from_local(dt: DateTime, tz: &TimeZone) -> Option<i64> {
    tz.to_ambiguous_zoned_datetime(dt)
        .compatible()
        .ok()
        .map(|z| z.timestamp().as_second())
}

/// Year and month of an instant in the blog's zone: the `yyyy/mm` of permalinks and archives.
pub fn local_year_month(unix_seconds: i64, tz: &TimeZone) -> (i16, i8) {
    let z = to_local(unix_seconds, tz);
    (z.year(), z.month())
}

/// Start (inclusive) and end (exclusive) of a local month, as Unix seconds.
pub fn month_bounds(year: i16, month: i8, tz: &TimeZone) -> Option<(i64, i64)> {
    let start = jiff::civil::date(year, month, 1)
        .checked_add(jiff::Span::new())
        .ok()?;
    let next = start.checked_add(jiff::Span::new().months(1)).ok()?;
    let s = from_local(start.to_datetime(jiff::civil::Time::midnight()), tz)?;
    let e = from_local(next.to_datetime(jiff::civil::Time::midnight()), tz)?;
    Some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokyo_month_bounds_are_nine_hours_before_utc() {
        let tz = TimeZone::get("Asia/Tokyo").expect("tz");
        let (s, e) = month_bounds(2006, 6, &tz).expect("bounds");
        assert_eq!(s, 1_149_087_600); // 2006-05-31T15:00:00Z
        assert_eq!(e - s, 30 * 86_400);
    }

    #[test]
    fn local_year_month_follows_the_zone() {
        let tz = TimeZone::get("Asia/Tokyo").expect("tz");
        // 2006-06-30T20:00:00Z is already July 1st in Tokyo.
        assert_eq!(local_year_month(1_151_697_600, &tz), (2006, 7));
        assert_eq!(local_year_month(1_151_697_600, &TimeZone::UTC), (2006, 6));
    }
}
