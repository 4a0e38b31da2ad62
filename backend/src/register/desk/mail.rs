//! Reminders by e-mail: the mail server a server sends through (`--smtp-url`), and the mail
//! of one delivery, in German.
//!
//! # The server's address
//!
//! - `smtp://HOST[:PORT]` (port 25 unless given): STARTTLS when the server offers it, plain
//!   text when it does not.
//! - `smtp://USER:PASSWORD@HOST:587?tls=required`: STARTTLS, and no mail if the server does
//!   not offer it; user and password percent-encoded. With a user, STARTTLS is required even
//!   without `?tls=required`. `?tls=none` never starts TLS.
//! - `smtps://HOST[:PORT]` (port 465 unless given): TLS from the first byte.
//!
//! Certificates are checked against the usual public roots, or against the certificates of
//! `--smtp-ca-file` (PEM) for an internal mail server.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use lettre::message::{Mailbox, Message, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use verbund_shared::Lang;
use verbund_shared::contract::DeadlineKind;

use crate::entities::record::Named;
use crate::entities::{contract, deadline};
use crate::error::{ApiError, ApiResult};

/// How long one connection to the mail server may take for one step.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The longest error kept with a delivery.
const ERROR_MAX_CHARS: usize = 500;

/// What the mail settings of `verbund serve` say.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `--smtp-url`.
    pub url: String,
    /// `--smtp-from`: the sender, e.g. `Verbund <fristen@verbund.example>`.
    pub from: String,
    /// `--public-url`: where users reach the app; links in mails start with it.
    pub public_url: String,
    /// `--smtp-ca-file`: certificates (PEM) the mail server's certificate may be signed by.
    pub ca_file: Option<std::path::PathBuf>,
}

/// Sends the deadline desk's mails through one mail server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
    host: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The transport holds the password.
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// A mailer for `settings`; the error says which setting is wrong, never the password.
    pub fn new(settings: &MailSettings) -> Result<Self, String> {
        let public = url::Url::parse(&settings.public_url).map_err(|_| {
            "--public-url is not an address such as https://verbund.example".to_owned()
        })?;
        let host = match (public.scheme(), public.host_str()) {
            ("http" | "https", Some(host)) => host.to_owned(),
            _ => return Err("--public-url must be an http or https address with a host".to_owned()),
        };
        let from: Mailbox = settings.from.parse().map_err(|_| {
            "--smtp-from is not a mail address such as Verbund <fristen@verbund.example>".to_owned()
        })?;
        let roots = match &settings.ca_file {
            Some(path) => read_certificates(path)?,
            None => Vec::new(),
        };
        let transport = transport(&settings.url, &roots, &host)?;
        Ok(Self {
            transport,
            from,
            public_url: settings.public_url.trim_end_matches('/').to_owned(),
            host,
        })
    }

    /// The link to a contract's page in the app.
    pub fn contract_link(&self, contract_id: i32) -> String {
        contract_link(&self.public_url, contract_id)
    }

    /// The `Message-ID` of a delivery: the same for every attempt, so a mail sent twice (a
    /// server stopped between sending and recording it) is recognisable as one.
    pub fn message_id(&self, delivery_id: i32) -> String {
        format!("<verbund.delivery.{delivery_id}@{}>", self.host)
    }

    /// Sends one delivery's mail; the error as the mail server or the network gave it.
    pub async fn send(&self, mail: &Mail, now: DateTime<Utc>) -> Result<(), String> {
        let to = Mailbox::new(
            Some(mail.name.clone()),
            mail.address
                .parse()
                .map_err(|_| "the account's mail address is not valid".to_owned())?,
        );
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject())
            .message_id(Some(self.message_id(mail.delivery_id)))
            .date(now.into())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body(&self.contract_link(mail.due.contract_id)))
            .map_err(|err| short(&err.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|err| short(&err.to_string()))
    }
}

/// What one mail says.
#[derive(Debug, Clone)]
pub struct Mail {
    pub delivery_id: i32,
    /// The account's name and address.
    pub name: String,
    pub address: String,
    /// The deadline it reminds of.
    pub due: Due,
    /// Sent later than its time: every server was down then.
    pub late: bool,
}

/// A deadline as a mail and a calendar event tell of it: its contract, kind and days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub contract_id: i32,
    pub contract_number: Option<String>,
    pub contract_title: String,
    pub kind: DeadlineKind,
    /// The legal deadline.
    pub day: NaiveDate,
    pub day_to_act: NaiveDate,
}

impl Due {
    /// The deadline `row` of `contract`.
    pub(super) fn of(contract: &contract::Model, row: &deadline::Model) -> ApiResult<Self> {
        let kind = DeadlineKind::from_str(&row.kind)
            .map_err(|err| ApiError::internal("deadline row", &err))?;
        Ok(Self {
            contract_id: contract.id,
            contract_number: contract.number.clone(),
            contract_title: contract.title.clone(),
            kind,
            day: row.day,
            day_to_act: row.day_to_act,
        })
    }

    /// The contract as mails and calendar events name it (see [`contract_label`]).
    pub fn contract(&self) -> String {
        contract_label(self.contract_number.as_deref(), &self.contract_title)
    }
}

/// A contract as mails and calendar events name it: its number, if any, and its title.
pub fn contract_label(number: Option<&str>, title: &str) -> String {
    match number {
        Some(number) => format!("{number} – {title}"),
        None => title.to_owned(),
    }
}

impl Mail {
    /// `Frist: Kündigungsfrist, Vertrag V-1 – Titel, handeln bis 30.09.2025`.
    pub fn subject(&self) -> String {
        format!(
            "{}Frist: {}, Vertrag {}, handeln bis {}",
            if self.late { "Verspätet: " } else { "" },
            self.due.kind.label(Lang::De),
            self.due.contract(),
            german(self.due.day_to_act)
        )
    }

    /// The text, with the link to the contract.
    pub fn body(&self, link: &str) -> String {
        let mut text = format!(
            "Guten Tag {name},\n\n\
             der Fristenkalender von Verbund erinnert an eine Frist:\n\n\
             Vertrag:        {contract}\n\
             Art der Frist:  {kind}\n\
             Frist:          {day}\n\
             Handeln bis:    {act}\n\n\
             Zum Vertrag: {link}\n",
            name = self.name,
            contract = self.due.contract(),
            kind = self.due.kind.label(Lang::De),
            day = german(self.due.day),
            act = german(self.due.day_to_act),
        );
        if self.late {
            text.push_str(
                "\nDiese Erinnerung kommt verspätet: zu ihrer Zeit lief kein Verbund-Server.\n",
            );
        }
        text.push_str(
            "\n-- \nDiese Nachricht wurde von Verbund verschickt. \
             Die Erinnerungen stehen auch im Posteingang der Anwendung.\n",
        );
        text
    }
}

/// The link to a contract's page in the app reached at `public_url`.
pub fn contract_link(public_url: &str, contract_id: i32) -> String {
    let id = crate::entities::record::RecordType::Contract.global_id(contract_id);
    format!("{}/contracts/{id}", public_url.trim_end_matches('/'))
}

/// A day as Germans write it: `30.09.2025`.
pub fn german(day: NaiveDate) -> String {
    verbund_shared::said::day_in(verbund_shared::Lang::De, day)
}

fn short(text: &str) -> String {
    text.chars().take(ERROR_MAX_CHARS).collect()
}

fn read_certificates(path: &Path) -> Result<Vec<Certificate>, String> {
    let pem = std::fs::read(path)
        .map_err(|err| format!("cannot read --smtp-ca-file {}: {err}", path.display()))?;
    let text = String::from_utf8_lossy(&pem);
    const END: &str = "-----END CERTIFICATE-----";
    let mut certificates = Vec::new();
    for block in text
        .split_inclusive(END)
        .filter(|block| block.contains(END))
    {
        certificates.push(
            Certificate::from_pem(block.trim_start().as_bytes()).map_err(|_| {
                format!(
                    "--smtp-ca-file {} holds no valid certificate",
                    path.display()
                )
            })?,
        );
    }
    if certificates.is_empty() {
        return Err(format!(
            "--smtp-ca-file {} holds no certificate",
            path.display()
        ));
    }
    Ok(certificates)
}

/// How TLS is used, as the address says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TlsMode {
    None,
    Opportunistic,
    Required,
    Wrapper,
}

fn transport(
    address: &str,
    roots: &[Certificate],
    hello: &str,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    const HELP: &str = "--smtp-url must look like smtp://HOST:PORT, \
        smtp://USER:PASSWORD@HOST:587?tls=required or smtps://HOST:465";
    let url = url::Url::parse(address).map_err(|_| HELP.to_owned())?;
    let host = url.host_str().filter(|host| !host.is_empty()).ok_or(HELP)?;
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let tls = url
        .query_pairs()
        .find(|(key, _)| key == "tls")
        .map(|(_, value)| value.into_owned());
    let (mode, port) = match (url.scheme(), tls.as_deref()) {
        ("smtp", None | Some("opportunistic")) => (TlsMode::Opportunistic, 25),
        ("smtp", Some("required")) => (TlsMode::Required, 25),
        ("smtp", Some("none")) => (TlsMode::None, 25),
        ("smtps", None) => (TlsMode::Wrapper, 465),
        _ => return Err(HELP.to_owned()),
    };
    // A password never goes out unencrypted unless the address says `tls=none`.
    let mode = if mode == TlsMode::Opportunistic && !url.username().is_empty() {
        TlsMode::Required
    } else {
        mode
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.clone())
        .port(url.port().unwrap_or(port))
        .timeout(Some(TIMEOUT))
        .hello_name(ClientId::Domain(hello.to_owned()));
    if mode != TlsMode::None {
        let mut parameters = TlsParameters::builder(host);
        for root in roots {
            parameters = parameters.add_root_certificate(root.clone());
        }
        let parameters = parameters
            .build_rustls()
            .map_err(|_| "the TLS settings of --smtp-url cannot be used".to_owned())?;
        builder = builder.tls(match mode {
            TlsMode::Required => Tls::Required(parameters),
            TlsMode::Wrapper => Tls::Wrapper(parameters),
            _ => Tls::Opportunistic(parameters),
        });
    }
    if !url.username().is_empty() {
        let decode = |text: &str| {
            percent_encoding::percent_decode_str(text)
                .decode_utf8()
                .map(|text| text.into_owned())
                .map_err(|_| HELP.to_owned())
        };
        let user = decode(url.username())?;
        let password = decode(url.password().unwrap_or_default())?;
        builder = builder.credentials(Credentials::new(user, password));
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(url: &str) -> MailSettings {
        MailSettings {
            url: url.to_owned(),
            from: "Verbund <fristen@verbund.example>".to_owned(),
            public_url: "https://verbund.example/".to_owned(),
            ca_file: None,
        }
    }

    #[test]
    fn addresses_of_mail_servers() {
        for good in [
            "smtp://localhost:2525",
            "smtp://user:p%40ss@mail.example:587?tls=required",
            "smtp://mail.example?tls=none",
            "smtps://mail.example",
        ] {
            assert!(Mailer::new(&settings(good)).is_ok(), "{good}");
        }
        for bad in [
            "http://mail.example",
            "smtp://mail.example?tls=maybe",
            "mail.example",
        ] {
            let err = Mailer::new(&settings(bad)).unwrap_err();
            assert!(err.contains("--smtp-url"), "{bad}: {err}");
        }
        let err = Mailer::new(&settings("smtp://user:geheim@mail.example?tls=x")).unwrap_err();
        assert!(!err.contains("geheim"));
    }

    #[test]
    fn links_and_message_ids_start_from_the_public_address() {
        let mailer = Mailer::new(&settings("smtp://localhost:2525")).unwrap();
        assert_eq!(
            mailer.contract_link(7),
            "https://verbund.example/contracts/Q29udHJhY3Q6Nw"
        );
        assert_eq!(
            mailer.message_id(12),
            "<verbund.delivery.12@verbund.example>"
        );
    }

    #[test]
    fn days_are_written_the_german_way() {
        let day = NaiveDate::from_ymd_opt(2025, 9, 3).unwrap();
        assert_eq!(german(day), "03.09.2025");
    }
}
