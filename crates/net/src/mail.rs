//! Sending e-mail (notifications to blog owners) through the SMTP server the operator
//! configures, in lettre's URL form: `smtps://host:port` for TLS from the start,
//! `smtp://host:port?tls=required` for STARTTLS, plain `smtp://host:port` without
//! encryption (a local relay), with `user:password@` when the server wants a login.

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the SMTP address is not usable: {0}")]
    Config(String),
    #[error("the message could not be built: {0}")]
    Message(String),
    #[error("the SMTP server did not take the message: {0}")]
    Send(String),
}

/// A configured mail sender. Cheap to clone (the connection pool is shared).
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    /// `url` as described above; `from` is the sender address (`tsuzuri <blog@example.jp>`).
    pub fn new(url: &str, from: &str) -> Result<Mailer, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| MailError::Config(e.to_string()))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| MailError::Config(format!("sender {from:?}: {e}")))?;
        Ok(Mailer { transport, from })
    }

    /// Sends a plain-text (UTF-8) message to one address.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), MailError> {
        let to = to
            .parse::<Mailbox>()
            .map_err(|e| MailError::Message(format!("recipient {to:?}: {e}")))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| MailError::Message(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| MailError::Send(e.to_string()))
    }
}
