//! Line diffs for comparing revisions: the longest common subsequence of lines, which is
//! what people expect to see for prose (whole lines kept, removed or added).

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "op", content = "text", rename_all = "lowercase")]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// Above this many lines on both sides together, the diff shows the old text removed and
/// the new text added instead of aligning them (keeps the work bounded).
pub const MAX_ALIGNED_LINES: usize = 4_000;

/// The changes that turn `old` into `new`, line by line.
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    if a.len() + b.len() > MAX_ALIGNED_LINES {
        return a
            .iter()
            .map(|l| DiffLine::Removed(l.to_string()))
            .chain(b.iter().map(|l| DiffLine::Added(l.to_string())))
            .collect();
    }
    // lcs[i][j] = length of the LCS of a[i..] and b[j..]
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            out.push(DiffLine::Same(a[i].to_string()));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            out.push(DiffLine::Removed(a[i].to_string()));
            i += 1;
        } else {
            out.push(DiffLine::Added(b[j].to_string()));
            j += 1;
        }
    }
    out.extend(a[i..].iter().map(|l| DiffLine::Removed(l.to_string())));
    out.extend(b[j..].iter().map(|l| DiffLine::Added(l.to_string())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_common_lines_and_marks_changes() {
        let d = diff_lines("一\n二\n三", "一\n二つ目\n三\n四");
        assert_eq!(
            d,
            vec![
                DiffLine::Same("一".into()),
                DiffLine::Removed("二".into()),
                DiffLine::Added("二つ目".into()),
                DiffLine::Same("三".into()),
                DiffLine::Added("四".into()),
            ]
        );
        assert!(
            diff_lines("a", "a")
                .iter()
                .all(|l| matches!(l, DiffLine::Same(_)))
        );
        assert_eq!(diff_lines("", "x"), vec![DiffLine::Added("x".into())]);
    }
}
