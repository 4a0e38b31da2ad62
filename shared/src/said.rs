//! The language the domain's messages are written in. The API answers in English; the web
//! app, which runs the same checks in the browser, has them written in the language of its
//! interface ([`speak`]). The language is kept per thread: a server thread never changes it,
//! and the browser has one thread.
//!
//! Every message a check gives is written with [`say`] (English and German side by side), and
//! each error of the domain says itself with `said` (its `Display` stays English, for logs).

use core::cell::Cell;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use chrono::{Datelike, NaiveDate};

use crate::Lang;
use crate::contract::{RenewalError, TermsError};
use crate::keys::KeyError;
use crate::name::NameError;
use crate::period::PeriodError;

thread_local! {
    static SPOKEN: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Writes this thread's messages in `lang` from now on.
pub fn speak(lang: Lang) {
    SPOKEN.set(lang);
}

/// The language this thread's messages are written in (English unless [`speak`] said other).
#[must_use]
pub fn spoken() -> Lang {
    SPOKEN.get()
}

/// `future`, whose messages are written in `lang` while it runs: the thread speaks `lang` for
/// each poll and what it spoke before between polls. A server's task moves between threads
/// and shares them with other tasks, so it cannot [`speak`] once; this is how a request in
/// German has its checks' messages in German.
pub fn speaking<F: Future>(lang: Lang, future: F) -> Speaking<F> {
    Speaking {
        lang,
        future: Box::pin(future),
    }
}

/// A future whose messages are written in a language of its own (see [`speaking`]).
#[derive(Debug)]
pub struct Speaking<F> {
    lang: Lang,
    future: Pin<Box<F>>,
}

impl<F: Future> Future for Speaking<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        /// Gives the thread back its language, also when the poll panics.
        struct Restore(Lang);
        impl Drop for Restore {
            fn drop(&mut self) {
                SPOKEN.set(self.0);
            }
        }
        let this = self.get_mut();
        let _restore = Restore(SPOKEN.replace(this.lang));
        this.future.as_mut().poll(cx)
    }
}

/// `en` or `de`, whichever this thread speaks.
pub fn say(en: impl Into<String>, de: impl Into<String>) -> String {
    match spoken() {
        Lang::En => en.into(),
        Lang::De => de.into(),
    }
}

/// A day as the spoken language writes it: `2024-12-31`, `31.12.2024`.
#[must_use]
pub fn day(date: NaiveDate) -> String {
    day_in(spoken(), date)
}

/// A day as `lang` writes it in a field or a document: `31.12.2024` in German, `2024-12-31`
/// in English (the app, the printed reports and the mails alike).
#[must_use]
pub fn day_in(lang: Lang, date: NaiveDate) -> String {
    match lang {
        Lang::En => format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
        Lang::De => format!("{:02}.{:02}.{}", date.day(), date.month(), date.year()),
    }
}

/// A whole number with the thousands mark of `lang`: `3.500`, `3,500`.
#[must_use]
pub fn number_in(lang: Lang, value: i64) -> String {
    let mark = match lang {
        Lang::De => '.',
        Lang::En => ',',
    };
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(digit);
    }
    out
}

impl TermsError {
    /// The reason in the spoken language.
    #[must_use]
    pub fn said(&self) -> String {
        if spoken() == Lang::En {
            return self.to_string();
        }
        match self {
            Self::UntilBeforeEffective {
                effective_from,
                until,
            } => format!(
                "die erste Laufzeit kann nicht am {} enden, vor dem Wirksamwerden am {}",
                day(*until),
                day(*effective_from)
            ),
            Self::RenewalWithoutTerm => {
                "ein unbefristeter Vertrag hat keine Laufzeit, die sich verlängern könnte".into()
            }
            Self::EndOfTermWithoutTerm => "ein unbefristeter Vertrag hat kein Laufzeitende: \
                 gekündigt wird zum Monats-, Quartals- oder Jahresende"
                .into(),
            Self::TacitRenewalWithoutNotice => "ein Vertrag, der sich stillschweigend verlängert, \
                 braucht eine Kündigungsfrist, sonst endet er nie (bei 0 Monaten genügt eine \
                 Kündigung am letzten Tag einer Laufzeit)"
                .into(),
            Self::NoticeNotShorterThanInitialTerm {
                notice_months,
                term_ends_on,
            } => format!(
                "eine Kündigungsfrist von {notice_months} Monaten ist nicht kürzer als die erste \
                 Laufzeit, die am {} endet",
                day(*term_ends_on)
            ),
            Self::NoticeNotShorterThanRenewal {
                notice_months,
                renewal_months,
            } => format!(
                "eine Kündigungsfrist von {notice_months} Monaten ist nicht kürzer als eine \
                 Verlängerung um {renewal_months} Monate"
            ),
            Self::OutOfRange => {
                "die erste Laufzeit endet nach dem letzten darstellbaren Tag".into()
            }
            Self::DecisionWithoutExpressRenewal => "nur ein Vertrag, der ohne ausdrückliche \
                 Verlängerung endet, hat eine Entscheidungsfrist"
                .into(),
            Self::DecisionNotShorterThanInitialTerm {
                decision_months,
                term_ends_on,
            } => format!(
                "eine Entscheidungsfrist von {decision_months} Monaten ist nicht kürzer als die \
                 erste Laufzeit, die am {} endet",
                day(*term_ends_on)
            ),
        }
    }
}

impl RenewalError {
    /// The reason in the spoken language.
    #[must_use]
    pub fn said(&self) -> String {
        if spoken() == Lang::En {
            return self.to_string();
        }
        match self {
            Self::NoTerms => {
                "ein Vertrag ohne Laufzeitregeln hat keine Laufzeit zu verlängern".into()
            }
            Self::NotExpress => "nur ein Vertrag, der ohne ausdrückliche Verlängerung endet, kann \
                 ausdrücklich verlängert werden"
                .into(),
            Self::TermOver {
                renewed_on,
                term_ended_on,
            } => format!(
                "eine am {} beschlossene Verlängerung kommt zu spät: die Laufzeit, die sie \
                 verlängern würde, endete am {}",
                day(*renewed_on),
                day(*term_ended_on)
            ),
            Self::UntilBeforeStart { starts_on, until } => format!(
                "die neue Laufzeit kann nicht am {} enden, vor ihrem Beginn am {}",
                day(*until),
                day(*starts_on)
            ),
            Self::NotLongerThanDecisionPeriod {
                decision_months,
                starts_on,
                ends_on,
            } => format!(
                "die neue Laufzeit vom {} bis {} ist nicht länger als die Entscheidungsfrist von \
                 {decision_months} Monaten",
                day(*starts_on),
                day(*ends_on)
            ),
            Self::OutOfRange => "die neue Laufzeit endet nach dem letzten darstellbaren Tag".into(),
        }
    }
}

impl KeyError {
    /// The reason in the spoken language.
    #[must_use]
    pub fn said(&self) -> String {
        if spoken() == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Empty => "ein amtlicher Schlüssel darf nicht leer sein".into(),
            Self::NotADigit { found } => {
                format!("ein amtlicher Schlüssel besteht nur aus Ziffern, enthält aber {found:?}")
            }
            Self::Length { digits } => format!(
                "ein amtlicher Schlüssel hat 5 Ziffern (Kreisschlüssel), 8 (Amtlicher \
                 Gemeindeschlüssel) oder 12 (Regionalschlüssel), nicht {digits}"
            ),
            Self::UnknownLand { land } => format!(
                "ein amtlicher Schlüssel beginnt mit der Kennzahl eines Landes (01 bis 16), \
                 nicht {land}"
            ),
        }
    }
}

impl NameError {
    /// The reason in the spoken language.
    #[must_use]
    pub fn said(&self) -> String {
        if spoken() == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Empty => "ein Name darf nicht leer sein".into(),
            Self::TooLong { chars } => {
                format!("ein Name hat höchstens 200 Zeichen, nicht {chars}")
            }
            Self::ControlCharacter { found } => {
                format!("ein Name darf keine Steuerzeichen wie {found:?} enthalten")
            }
        }
    }
}

impl PeriodError {
    /// The reason in the spoken language.
    #[must_use]
    pub fn said(&self) -> String {
        match self {
            Self::UntilBeforeFrom { from, until } => say(
                self.to_string(),
                format!(
                    "ein Zeitraum kann nicht am {} enden, vor seinem Beginn am {}",
                    day(*until),
                    day(*from)
                ),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn a_thread_speaks_english_until_told_otherwise() {
        let err = PeriodError::UntilBeforeFrom {
            from: date(2024, 2, 1),
            until: date(2024, 1, 31),
        };
        assert_eq!(spoken(), Lang::En);
        assert_eq!(err.said(), err.to_string());
        speak(Lang::De);
        assert_eq!(
            err.said(),
            "ein Zeitraum kann nicht am 31.01.2024 enden, vor seinem Beginn am 01.02.2024"
        );
        assert_eq!(say("x", "y"), "y");
        // Another thread is not told.
        let other = std::thread::spawn(|| (spoken(), say("x", "y"))).join();
        assert_eq!(other.ok(), Some((Lang::En, "x".to_owned())));
        speak(Lang::En);
        assert_eq!(say("x", "y"), "x");
    }

    #[test]
    fn a_future_speaks_its_language_in_each_poll_and_only_then() {
        use core::task::Waker;
        let mut heard = Vec::new();
        let mut asked = 0;
        let once_more = core::future::poll_fn(|_| {
            heard.push(say("en", "de"));
            asked += 1;
            if asked < 2 {
                Poll::Pending
            } else {
                Poll::Ready(say("en", "de"))
            }
        });
        let mut future = speaking(Lang::De, once_more);
        let mut cx = Context::from_waker(Waker::noop());
        assert!(Pin::new(&mut future).poll(&mut cx).is_pending());
        assert_eq!(
            say("en", "de"),
            "en",
            "between polls the thread speaks as before"
        );
        assert_eq!(
            Pin::new(&mut future).poll(&mut cx),
            Poll::Ready("de".to_owned())
        );
        assert_eq!(spoken(), Lang::En);
        drop(future);
        assert_eq!(heard, ["de", "de"]);
    }

    #[test]
    fn every_error_has_german_words() {
        speak(Lang::De);
        let errors: Vec<(String, String)> = vec![
            (
                TermsError::OutOfRange.said(),
                TermsError::OutOfRange.to_string(),
            ),
            (
                RenewalError::NoTerms.said(),
                RenewalError::NoTerms.to_string(),
            ),
            (KeyError::Empty.said(), KeyError::Empty.to_string()),
            (NameError::Empty.said(), NameError::Empty.to_string()),
        ];
        speak(Lang::En);
        for (german, english) in errors {
            assert_ne!(german, english);
        }
    }
}
