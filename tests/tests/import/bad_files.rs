//! Files that cannot be imported as they are: each gets an answer that says why, and nothing is
//! written.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use verbund_tests::both;

use super::{import, no_organisations};

both!(
    other_separators_unreadable_text_and_one_record_twice_are_named,
    |app| async move {
        for (text, line, said) in [
            ("name,kind\r\nAmt Komma,AMT\r\n", 1, "separated by commas"),
            // A browser reading a Windows-1252 file puts U+FFFD where "ü" was.
            (
                "Name;Art\r\nAmt Komma;AMT\r\nGemeinde L\u{fffd}bz;GEMEINDE\r\n",
                3,
                "not UTF-8",
            ),
        ] {
            let outcome = import(&app, &[("orgs.csv", text)], false).await;
            assert!(!outcome.written);
            assert_eq!(outcome.problems.len(), 1, "{:?}", outcome.problems);
            assert_eq!(outcome.problems[0].line, Some(line));
            assert!(
                outcome.problems[0].message.contains(said),
                "{:?}",
                outcome.problems
            );
        }

        // The same organisation twice, once by its name and once in another file by its
        // official key: the later row is named with the earlier one.
        let first = "Name;Art;Kurzname\r\nAmt Doppelt;AMT;Doppelt\r\nStadt Grabow;AMTSANGEHOERIGE_STADT;Grabow\r\n";
        let second = "name;kind;officialKey;shortName\r\nStadt Grabow;AMTSANGEHOERIGE_STADT;13076050;Grabow (Elde)\r\n";
        let outcome = import(&app, &[("a.csv", first), ("b.csv", second)], false).await;
        assert!(!outcome.written);
        let problems: Vec<(&str, Option<u64>, &str)> = outcome
            .problems
            .iter()
            .map(|p| (p.file.as_str(), p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            [(
                "b.csv",
                Some(2),
                "names the same organisation as line 3 of a.csv: an import takes one row per record"
            )]
        );
        assert!(no_organisations(&app, "Doppelt").await);
        // Within one file, a new record named twice.
        let twice = "Name;Art\r\nAmt Doppelt;AMT\r\nAmt Doppelt;AMT\r\n";
        let outcome = import(&app, &[("twice.csv", twice)], true).await;
        assert_eq!(outcome.problems.len(), 1, "{:?}", outcome.problems);
        assert_eq!(outcome.problems[0].line, Some(3));
        assert!(outcome.problems[0].message.contains("as line 2:"));
    }
);

both!(
    a_file_of_100_mb_is_refused_with_its_size_before_it_is_read,
    |app| async move {
        let dir = std::env::temp_dir().join(format!("verbund-import-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{:?}-big.csv", app.backend()));
        // A sparse file: its size is 100 MB, its content never read.
        std::fs::File::create(&path)
            .unwrap()
            .set_len(100 * 1024 * 1024)
            .unwrap();
        let refused = verbund::cli::import(app.db(), std::slice::from_ref(&path), false, None)
            .await
            .unwrap_err()
            .to_string();
        std::fs::remove_file(&path).unwrap();
        assert!(
            refused.contains("is 100.0 MB; an import takes files of at most 64.0 MB"),
            "{refused}"
        );
    }
);
