//! Raw input from the `Create user` screen, turned into domain values at the
//! edge (R-CL-7): a list of addresses, or a CSV of up to 100 users. Every bad
//! row is reported with its reason; nothing is accepted until all are good.

use super::command::NewPerson;
use super::decide::MAX_BATCH;
use super::email::Email;
use super::fold::Folded;
use super::text::Text;
use std::collections::BTreeSet;

/// One problem in the input, with the 1-based row (or position) it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub text: String,
    pub reason: Text,
}

/// The largest Create user CSV read (R-CL-7 allows 100 rows; a megabyte is
/// ten thousand bytes a row). A larger file is refused before it is read.
pub const MAX_CSV_BYTES: usize = 1 << 20;

/// A CSV larger than [`MAX_CSV_BYTES`], as the problem the wizard shows.
pub fn csv_too_large(file: &str, bytes: usize) -> RowProblem {
    problem(
        1,
        file,
        crate::text!(
            "input.csv_too_large",
            size = bytes.div_ceil(1024),
            max = MAX_CSV_BYTES / 1024
        ),
    )
}

/// Addresses separated by spaces, commas, semicolons or new lines.
pub fn parse_email_list(raw: &str) -> Result<Vec<NewPerson>, Vec<RowProblem>> {
    let items: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|s| !s.is_empty())
        .collect();
    let rows = items.iter().map(|s| (s.to_string(), String::new()));
    collect(rows)
}

/// A CSV with a header row naming an `email` column and optionally a `name`
/// (or `first name` and `last name`) column. Rows may have fewer or more
/// fields than the header; problems name the line a row starts on.
pub fn parse_csv(raw: &str) -> Result<Vec<NewPerson>, Vec<RowProblem>> {
    if raw.len() > MAX_CSV_BYTES {
        return Err(vec![csv_too_large("", raw.len())]);
    }
    // The header, the most a batch takes, and one row more to say so: the
    // rest of the file is never read (R-CL-7).
    let mut records = csv_records(raw, MAX_BATCH + 2).into_iter();
    let headers: Vec<String> = records
        .next()
        .map(|(_, h)| h.iter().map(|s| s.folded()).collect())
        .unwrap_or_default();
    let col = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let Some(email_col) = col(&["email", "email address", "e-mail"]) else {
        return Err(vec![problem(
            1,
            &headers.join(","),
            Text::msg("input.no_email_column"),
        )]);
    };
    let name_col = col(&["name", "full name"]);
    let first_col = col(&["first name", "firstname"]);
    let last_col = col(&["last name", "lastname"]);
    let mut rows = Vec::new();
    for (line, fields) in records {
        let get = |c: Option<usize>| c.and_then(|c| fields.get(c)).cloned().unwrap_or_default();
        let name = match name_col {
            Some(_) => get(name_col),
            None => format!("{} {}", get(first_col), get(last_col))
                .trim()
                .to_string(),
        };
        rows.push((line, get(Some(email_col)), name));
        if rows.len() > MAX_BATCH {
            return Err(vec![problem(
                line,
                &get(Some(email_col)),
                crate::text!("input.too_many_rows", max = MAX_BATCH),
            )]);
        }
    }
    collect_numbered(rows)
}

/// The first `limit` records of a CSV (commas, fields in double quotes may
/// hold commas, quotes and line breaks), each with the line it starts on and
/// its fields trimmed; blank lines and records of empty fields are skipped
/// and a leading byte-order mark dropped. Nothing past the last record
/// asked for is read.
///
/// csv-core does the parsing; the csv crate's reader around it is left out
/// because its I/O and error layers cost kilobytes of wasm and cannot fail
/// on text that is already in memory.
fn csv_records(raw: &str, limit: usize) -> Vec<(usize, Vec<String>)> {
    use csv_core::ReadRecordResult;
    let mut reader = csv_core::Reader::new();
    let mut records = Vec::new();
    // Grown when a record needs more: a file's size says nothing of how
    // much of it is read.
    let mut out = vec![0u8; raw.len().min(4096)];
    let mut ends = vec![0usize; 16];
    let (mut read, mut written, mut fields) = (0, 0, 0);
    // The line the next record starts on, counted up to `counted`.
    let (mut line, mut counted) = (1, 0);
    let mut record_start = None;
    while records.len() < limit {
        let rest = &raw.as_bytes()[read..];
        if record_start.is_none() {
            // Blank lines before a record are skipped by the parser too.
            let skipped = rest
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
            let at = read + skipped;
            line += raw.as_bytes()[counted..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            counted = at;
            record_start = Some(line);
        }
        let (result, n_in, n_out, n_ends) =
            reader.read_record(rest, &mut out[written..], &mut ends[fields..]);
        read += n_in;
        written += n_out;
        fields += n_ends;
        match result {
            // All the text was given at once: the next call reads its end.
            ReadRecordResult::InputEmpty if !rest.is_empty() => {}
            ReadRecordResult::OutputFull => out.resize(out.len() * 2 + 1, 0),
            ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            ReadRecordResult::Record => {
                let mut from = 0;
                let values = ends[..fields]
                    .iter()
                    .map(|&to| {
                        let field = String::from_utf8_lossy(&out[from..to]).trim().to_string();
                        from = to;
                        field
                    })
                    .collect::<Vec<String>>();
                let start = record_start.take().unwrap_or(line);
                if !values.iter().all(String::is_empty) {
                    records.push((start, values));
                }
                (written, fields) = (0, 0);
            }
            ReadRecordResult::InputEmpty | ReadRecordResult::End => break,
        }
    }
    records
}

fn problem(row: usize, text: &str, reason: Text) -> RowProblem {
    RowProblem {
        row,
        text: text.to_string(),
        reason,
    }
}

fn collect(
    rows: impl Iterator<Item = (String, String)>,
) -> Result<Vec<NewPerson>, Vec<RowProblem>> {
    collect_numbered(rows.enumerate().map(|(i, (e, n))| (i + 1, e, n)).collect())
}

fn collect_numbered(rows: Vec<(usize, String, String)>) -> Result<Vec<NewPerson>, Vec<RowProblem>> {
    let mut problems = Vec::new();
    if rows.is_empty() {
        return Err(vec![problem(1, "", Text::msg("input.add_an_email"))]);
    }
    if rows.len() > MAX_BATCH {
        problems.push(problem(
            rows[MAX_BATCH].0,
            &rows[MAX_BATCH].1,
            crate::text!("input.too_many", count = rows.len(), max = MAX_BATCH),
        ));
    }
    let mut seen = BTreeSet::new();
    let mut people = Vec::new();
    for (row, text, name) in rows {
        match Email::parse(&text) {
            Ok(email) => {
                if !seen.insert(email.clone()) {
                    problems.push(problem(row, &text, Text::msg("input.twice")));
                }
                people.push(NewPerson { email, name });
            }
            Err(e) => problems.push(problem(row, &text, e.text())),
        }
    }
    if problems.is_empty() {
        Ok(people)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_addresses_split_on_spaces_commas_and_new_lines() {
        // R-CL-7
        let people = parse_email_list("a@x.com, b@x.com\nc@x.com  d@x.com;e@x.com").unwrap();
        assert_eq!(people.len(), 5);
    }

    #[test]
    fn one_bad_address_refuses_the_whole_list_with_its_position() {
        // R-CL-7
        let err = parse_email_list("a@x.com nope b@x.com a@x.com").unwrap_err();
        assert_eq!(err.len(), 2);
        assert_eq!(err[0].row, 2);
        assert!(err[0].reason.to_string().contains("no @"));
        assert_eq!(err[1].row, 4);
        assert!(err[1].reason.to_string().contains("twice"));
    }

    #[test]
    fn a_csv_reads_names_and_reports_bad_rows_by_line() {
        // R-CL-7
        let ok = parse_csv("Email,Name\nann@x.com,Ann Lee\nbo@x.com,Bo\n").unwrap();
        assert_eq!(ok[0].name, "Ann Lee");
        let split = parse_csv("email,first name,last name\nann@x.com,Ann,Lee\n").unwrap();
        assert_eq!(split[0].name, "Ann Lee");
        let err = parse_csv("email,name\nann@x.com,Ann\nbroken,Bo\n").unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].row, 3);
        assert!(parse_csv("who,what\na,b\n").is_err());
    }

    #[test]
    fn a_csv_from_a_spreadsheet_reads_as_written() {
        // R-CL-7: quotes, a byte-order mark, Windows line ends, blank lines
        // and short rows, with problems on the line each row starts on.
        let csv = "\u{feff}Email,Name,Team\r\n\
                   \"ann@x.com\",\"Lee, Ann\"\r\n\
                   \r\n\
                   bo@x.com ,\"Bo \"\"B\"\" \nBerg\",Sales\r\n\
                   cy@x.com\r\n\
                   broken,Dee\r\n\
                   ,\r\n";
        let err = parse_csv(csv).unwrap_err();
        assert_eq!(err.len(), 1, "{err:?}");
        assert_eq!(
            err[0].row, 7,
            "after a blank line and a field across two lines"
        );
        assert_eq!(err[0].text, "broken");
        let fixed = csv.replace("broken", "dee@x.com");
        let people = parse_csv(&fixed).unwrap();
        let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Lee, Ann", "Bo \"B\" \nBerg", "", "Dee"]);
        assert_eq!(people[1].email.as_str(), "bo@x.com");
        // An empty file has no email column.
        assert_eq!(parse_csv("").unwrap_err()[0].row, 1);
    }

    #[test]
    fn a_csv_is_read_only_up_to_the_row_past_the_limit() {
        // R-CL-7: a file of 5,000 rows is refused at row 101 (line 102),
        // and rows of empty fields do not count.
        let mut csv = String::from("email\n,\n");
        for i in 0..5000 {
            csv.push_str(&format!("u{i}@x.com\n"));
        }
        let err = parse_csv(&csv).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].row, 103);
        assert_eq!(err[0].text, "u100@x.com");
        assert!(err[0].reason.to_string().contains("more than 100"));
        assert_eq!(csv_records(&csv, 3).len(), 3, "reading stops at the limit");
    }

    #[test]
    fn a_csv_over_a_megabyte_is_refused_unread() {
        let csv = format!("email\n{}", "a@x.com\n".repeat(MAX_CSV_BYTES / 8 + 1));
        let err = parse_csv(&csv).unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(
            err[0].reason.to_string().contains("1024 KB"),
            "{}",
            err[0].reason
        );
    }

    #[test]
    fn more_than_a_hundred_rows_are_refused() {
        // R-CL-7
        let mut csv = String::from("email\n");
        for i in 0..101 {
            csv.push_str(&format!("u{i}@x.com\n"));
        }
        let err = parse_csv(&csv).unwrap_err();
        assert!(err[0].reason.to_string().contains("more than 100"));
        let mut ok = String::from("email\n");
        for i in 0..100 {
            ok.push_str(&format!("u{i}@x.com\n"));
        }
        assert_eq!(parse_csv(&ok).unwrap().len(), 100);
    }
}
