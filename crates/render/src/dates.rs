//! Dates as readers see them (in the blog's language and time zone) and as machines read
//! them (RFC 3339 for `<time>` and Atom, RFC 2822 for RSS).

use jiff::tz::TimeZone;
use tsuzuri_core::time::to_local;
use tsuzuri_core::{BlogSettings, Lang};

const WEEKDAYS_JA: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
const MONTHS_EN: [&str; 12] = [
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

/// Date and time of an entry, comment or ping in the blog's language and zone:
/// `2006年6月15日 (木) 14時52分` or `June 15, 2006 2:52 PM`.
pub fn format_datetime(unix: i64, settings: &BlogSettings) -> String {
    let z = to_local(unix, &settings.timezone);
    match settings.lang {
        Lang::Ja => {
            // Monday is 1 in jiff's numbering.
            let wd =
                WEEKDAYS_JA[usize::from(z.weekday().to_monday_one_offset().unsigned_abs()) - 1];
            format!(
                "{}年{}月{}日 ({}) {:02}時{:02}分",
                z.year(),
                z.month(),
                z.day(),
                wd,
                z.hour(),
                z.minute()
            )
        }
        Lang::En => {
            let h = z.hour();
            let (h12, ampm) = match h {
                0 => (12, "AM"),
                1..=11 => (h, "AM"),
                12 => (12, "PM"),
                _ => (h - 12, "PM"),
            };
            format!(
                "{} {}, {} {}:{:02} {}",
                month_name_en(z.month()),
                z.day(),
                z.year(),
                h12,
                z.minute(),
                ampm
            )
        }
    }
}

/// Just the date, for lists: `2006年6月15日` or `June 15, 2006`.
pub fn format_date(unix: i64, settings: &BlogSettings) -> String {
    let z = to_local(unix, &settings.timezone);
    match settings.lang {
        Lang::Ja => format!("{}年{}月{}日", z.year(), z.month(), z.day()),
        Lang::En => format!("{} {}, {}", month_name_en(z.month()), z.day(), z.year()),
    }
}

/// A monthly archive's label: `2006年6月` or `June 2006`.
pub fn format_month(year: i16, month: i8, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{year}年{month}月"),
        Lang::En => format!("{} {year}", month_name_en(month)),
    }
}

fn month_name_en(month: i8) -> &'static str {
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|i| MONTHS_EN.get(i))
        .copied()
        .unwrap_or("")
}

/// RFC 3339 with the zone's offset at that instant, for `<time datetime>` and Atom:
/// `2006-06-15T14:52:00+09:00`.
pub fn iso(unix: i64, tz: &TimeZone) -> String {
    let z = to_local(unix, tz);
    z.timestamp().display_with_offset(z.offset()).to_string()
}

/// RFC 3339 in UTC: `2006-06-15T05:52:00Z`.
pub fn rfc3339_utc(unix: i64) -> String {
    to_local(unix, &TimeZone::UTC).timestamp().to_string()
}

/// RFC 2822 in UTC, for RSS `pubDate`: `Thu, 15 Jun 2006 05:52:00 +0000`.
pub fn rfc2822(unix: i64) -> String {
    let z = to_local(unix, &TimeZone::UTC);
    // Cannot fail for a zoned time inside jiff's range, which `to_local` guarantees;
    // fall back to the epoch's spelling rather than panic on a page path.
    jiff::fmt::rfc2822::to_string(&z).unwrap_or_else(|_| "Thu, 01 Jan 1970 00:00:00 +0000".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2006-06-15T05:52:00Z: 14:52 on a Thursday in Tokyo.
    const T: i64 = 1_150_350_720;

    fn settings(lang: Lang, tz: &str) -> BlogSettings {
        BlogSettings {
            lang,
            timezone: TimeZone::get(tz).expect("tz"),
        }
    }

    #[test]
    fn japanese_date_in_tokyo() {
        let s = settings(Lang::Ja, "Asia/Tokyo");
        assert_eq!(format_datetime(T, &s), "2006年6月15日 (木) 14時52分");
        assert_eq!(format_date(T, &s), "2006年6月15日");
        // Hours and minutes are zero-padded, month and day are not.
        assert_eq!(
            format_datetime(T - 5 * 3600 - 47 * 60, &s),
            "2006年6月15日 (木) 09時05分"
        );
        // 2006-01-01 00:00 in Tokyo is a Sunday.
        assert_eq!(
            format_datetime(1_136_041_200, &s),
            "2006年1月1日 (日) 00時00分"
        );
    }

    #[test]
    fn english_date_in_utc_and_tokyo() {
        assert_eq!(
            format_datetime(T, &settings(Lang::En, "Asia/Tokyo")),
            "June 15, 2006 2:52 PM"
        );
        assert_eq!(
            format_datetime(T, &settings(Lang::En, "UTC")),
            "June 15, 2006 5:52 AM"
        );
        assert_eq!(
            format_datetime(T + 18 * 3600 + 8 * 60, &settings(Lang::En, "UTC")),
            "June 16, 2006 12:00 AM"
        );
        assert_eq!(
            format_datetime(T + 6 * 3600 + 8 * 60, &settings(Lang::En, "UTC")),
            "June 15, 2006 12:00 PM"
        );
    }

    #[test]
    fn ja_weekday_and_date_follow_the_zone() {
        // 05:52 UTC on Thursday is still Wednesday evening in New York (EDT, -4).
        assert_eq!(
            format_datetime(T, &settings(Lang::Ja, "America/New_York")),
            "2006年6月15日 (木) 01時52分"
        );
        assert_eq!(
            format_datetime(T - 3 * 3600, &settings(Lang::Ja, "America/New_York")),
            "2006年6月14日 (水) 22時52分"
        );
    }

    #[test]
    fn iso_uses_the_offset_in_force() {
        let tokyo = TimeZone::get("Asia/Tokyo").expect("tz");
        let ny = TimeZone::get("America/New_York").expect("tz");
        assert_eq!(iso(T, &tokyo), "2006-06-15T14:52:00+09:00");
        assert_eq!(iso(T, &TimeZone::UTC), "2006-06-15T05:52:00+00:00");
        // Summer (EDT) and winter (EST) in New York.
        assert_eq!(iso(T, &ny), "2006-06-15T01:52:00-04:00");
        assert_eq!(iso(1_135_000_000, &ny), "2005-12-19T08:46:40-05:00");
    }

    #[test]
    fn dst_transition_in_new_york() {
        let s = settings(Lang::En, "America/New_York");
        // 2006-04-02T06:59:59Z is 01:59:59 EST; one second later it is 03:00 EDT.
        assert_eq!(format_datetime(1_143_961_199, &s), "April 2, 2006 1:59 AM");
        assert_eq!(format_datetime(1_143_961_200, &s), "April 2, 2006 3:00 AM");
    }

    #[test]
    fn utc_forms() {
        assert_eq!(rfc3339_utc(T), "2006-06-15T05:52:00Z");
        assert_eq!(rfc2822(T), "Thu, 15 Jun 2006 05:52:00 +0000");
    }

    #[test]
    fn months() {
        assert_eq!(format_month(2006, 6, Lang::Ja), "2006年6月");
        assert_eq!(format_month(2006, 6, Lang::En), "June 2006");
        assert_eq!(format_month(2006, 12, Lang::En), "December 2006");
    }
}
