//! Raw input from the `Create user` screen, turned into domain values at the
//! edge (R-CL-7): a list of addresses, or a CSV of up to 100 users. Every bad
//! row is reported with its reason; nothing is accepted until all are good.

use super::command::NewPerson;
use super::decide::MAX_BATCH;
use super::email::Email;
use super::text::Text;
use std::collections::BTreeSet;

/// One problem in the input, with the 1-based row (or position) it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub text: String,
    pub reason: Text,
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
/// (or `first name` and `last name`) column.
pub fn parse_csv(raw: &str) -> Result<Vec<NewPerson>, Vec<RowProblem>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(raw.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.to_lowercase()).collect::<Vec<_>>(),
        Err(e) => {
            return Err(vec![problem(
                1,
                "",
                crate::text!("input.unreadable_csv", detail = e.to_string()),
            )])
        }
    };
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
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        match record {
            Ok(r) => {
                let get = |c: Option<usize>| c.and_then(|c| r.get(c)).unwrap_or("").to_string();
                let name = match name_col {
                    Some(_) => get(name_col),
                    None => format!("{} {}", get(first_col), get(last_col))
                        .trim()
                        .to_string(),
                };
                if r.iter().all(|f| f.is_empty()) {
                    continue;
                }
                rows.push((line, get(Some(email_col)), name));
            }
            Err(e) => problems.push(problem(
                line,
                "",
                crate::text!("input.unreadable_row", detail = e.to_string()),
            )),
        }
    }
    match collect_numbered(rows) {
        Ok(people) if problems.is_empty() => Ok(people),
        Ok(_) => Err(problems),
        Err(mut more) => {
            problems.append(&mut more);
            super::sort::sort_by_key(&mut problems, |p| p.row);
            Err(problems)
        }
    }
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
