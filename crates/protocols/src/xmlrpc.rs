//! The XML-RPC needed for Pingback: reading a `pingback.ping` call (in whatever encoding
//! its XML declaration names) and writing a string response or a fault with the spec's
//! codes.

use quick_xml::Reader;
use quick_xml::events::Event;

/// Pingback fault codes (the spec's table).
pub mod fault {
    pub const GENERIC: i32 = 0;
    pub const SOURCE_NOT_FOUND: i32 = 16;
    pub const NO_LINK: i32 = 17;
    pub const TARGET_NOT_FOUND: i32 = 32;
    pub const TARGET_NOT_PINGABLE: i32 = 33;
    pub const ALREADY_REGISTERED: i32 = 48;
    pub const ACCESS_DENIED: i32 = 49;
    pub const UPSTREAM: i32 = 50;
    /// XML-RPC: the request is not well-formed.
    pub const PARSE_ERROR: i32 = -32700;
    /// XML-RPC: no such method.
    pub const METHOD_NOT_FOUND: i32 = -32601;
    /// XML-RPC: wrong parameters.
    pub const INVALID_PARAMS: i32 = -32602;
}

/// A fault to answer with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    pub code: i32,
    pub message: String,
}

impl Fault {
    pub fn new(code: i32, message: impl Into<String>) -> Fault {
        Fault {
            code,
            message: message.into(),
        }
    }
}

/// A method call: its name and its string parameters (other types are read as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodCall {
    pub method: String,
    pub params: Vec<String>,
}

/// The body as text: by the encoding in the XML declaration (UTF-8 when there is none).
fn decode(body: &[u8]) -> Result<String, Fault> {
    let head = String::from_utf8_lossy(&body[..body.len().min(200)]).to_ascii_lowercase();
    let label = head
        .strip_prefix("<?xml")
        .and_then(|h| h.split("?>").next())
        .and_then(|decl| decl.split("encoding=").nth(1))
        .map(|v| {
            v.trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                .collect::<String>()
        });
    let enc = match label {
        Some(l) => encoding_rs::Encoding::for_label(l.as_bytes())
            .ok_or_else(|| Fault::new(fault::PARSE_ERROR, format!("unknown encoding {l:?}")))?,
        None => encoding_rs::UTF_8,
    };
    let text = enc
        .decode_without_bom_handling_and_without_replacement(
            body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body),
        )
        .ok_or_else(|| {
            Fault::new(
                fault::PARSE_ERROR,
                format!("the body is not valid {}", enc.name()),
            )
        })?;
    // The declaration named the encoding we just used; quick-xml reads the text as UTF-8.
    Ok(text.into_owned())
}

/// Reads a `<methodCall>`.
pub fn parse_call(body: &[u8]) -> Result<MethodCall, Fault> {
    let text = decode(body)?;
    let mut reader = Reader::from_str(&text);
    reader.config_mut().trim_text(false);
    let mut path: Vec<String> = Vec::new();
    let mut method = None;
    let mut params = Vec::new();
    let mut current: Option<String> = None;
    let bad = |e: &dyn std::fmt::Display| {
        Fault::new(fault::PARSE_ERROR, format!("not well-formed XML-RPC: {e}"))
    };
    loop {
        match reader.read_event().map_err(|e| bad(&e))? {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if name == "value" && path.last().map(String::as_str) == Some("param") {
                    current = Some(String::new());
                }
                path.push(name);
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                if name == "value" && path.last().map(String::as_str) == Some("param") {
                    params.push(current.take().unwrap_or_default());
                }
            }
            Event::Empty(e)
                if e.name().as_ref() == b"value"
                    && path.last().map(String::as_str) == Some("param") =>
            {
                params.push(String::new());
            }
            Event::Text(t) => {
                let s = t.xml10_content().map_err(|e| bad(&e))?;
                if path.last().map(String::as_str) == Some("methodName") {
                    method = Some(s.trim().to_owned());
                } else if let Some(c) = current.as_mut() {
                    c.push_str(&s);
                }
            }
            Event::CData(t) => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                let ch = entity(&name).ok_or_else(|| bad(&format!("unknown entity &{name};")))?;
                if path.last().map(String::as_str) == Some("methodName") {
                    method.get_or_insert_with(String::new).push(ch);
                } else if let Some(c) = current.as_mut() {
                    c.push(ch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let method = method.ok_or_else(|| Fault::new(fault::PARSE_ERROR, "no methodName"))?;
    Ok(MethodCall {
        method,
        params: params.into_iter().map(|p| p.trim().to_owned()).collect(),
    })
}

/// The character an XML entity or character reference (`amp`, `#39`, `#x3042`) stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
            .ok()
            .and_then(char::from_u32),
        n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
        _ => None,
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A successful response carrying one string.
pub fn string_response(s: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse><params><param><value><string>{}</string></value></param></params></methodResponse>\n",
        escape(s)
    )
}

/// A method call with string parameters (what tsuzuri sends: `pingback.ping`).
pub fn call_xml(method: &str, params: &[&str]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodCall><methodName>{}</methodName><params>",
        escape(method)
    );
    for p in params {
        out.push_str(&format!(
            "<param><value><string>{}</string></value></param>",
            escape(p)
        ));
    }
    out.push_str("</params></methodCall>\n");
    out
}

/// Reads a `<methodResponse>`: the first value as text, or the fault it carries.
pub fn parse_response(body: &[u8]) -> Result<String, Fault> {
    let text = decode(body)?;
    let mut reader = Reader::from_str(&text);
    let mut path: Vec<String> = Vec::new();
    let mut in_fault = false;
    let mut member_name = String::new();
    let (mut code, mut message) = (None, String::new());
    let mut value: Option<String> = None;
    let bad = |e: &dyn std::fmt::Display| {
        Fault::new(fault::PARSE_ERROR, format!("not an XML-RPC response: {e}"))
    };
    let mut seen_response = false;
    loop {
        let ev = reader.read_event().map_err(|e| bad(&e))?;
        let text = match ev {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                seen_response |= name == "methodResponse";
                in_fault |= name == "fault";
                path.push(name);
                continue;
            }
            Event::End(_) => {
                path.pop();
                continue;
            }
            Event::Text(t) => t.xml10_content().map_err(|e| bad(&e))?.into_owned(),
            Event::CData(t) => String::from_utf8_lossy(&t).into_owned(),
            Event::GeneralRef(r) => {
                let name = String::from_utf8_lossy(&r).into_owned();
                entity(&name).map(String::from).unwrap_or_default()
            }
            Event::Eof => break,
            _ => continue,
        };
        let leaf = path.last().map(String::as_str).unwrap_or("");
        if in_fault {
            if leaf == "name" {
                member_name = text.trim().to_owned();
            } else if member_name == "faultCode" && text.trim().parse::<i32>().is_ok() {
                code = text.trim().parse().ok();
            } else if member_name == "faultString" && leaf != "member" && leaf != "struct" {
                message.push_str(&text);
            }
        } else if path.iter().any(|p| p == "param") && path.iter().any(|p| p == "value") {
            value.get_or_insert_with(String::new).push_str(&text);
        }
    }
    if !seen_response {
        return Err(bad(&"no <methodResponse>"));
    }
    if in_fault {
        return Err(Fault::new(code.unwrap_or(fault::GENERIC), message.trim()));
    }
    Ok(value.unwrap_or_default().trim().to_owned())
}

/// A fault response.
pub fn fault_response(f: &Fault) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>{}</int></value></member><member><name>faultString</name><value><string>{}</string></value></member></struct></value></fault></methodResponse>\n",
        f.code,
        escape(&f.message)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pingback_call_in_utf8_and_in_a_declared_legacy_encoding() {
        let body = b"<?xml version=\"1.0\"?>\n<methodCall><methodName>pingback.ping</methodName><params>\n<param><value><string>http://a.example/x?a=1&amp;b=2</string></value></param>\n<param><value>http://blog.example/diary/2006/06/x.html</value></param></params></methodCall>";
        let call = parse_call(body).expect("call");
        assert_eq!(call.method, "pingback.ping");
        assert_eq!(
            call.params,
            [
                "http://a.example/x?a=1&b=2",
                "http://blog.example/diary/2006/06/x.html"
            ]
        );
        let sjis = encoding_rs::SHIFT_JIS
            .encode("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><methodCall><methodName>pingback.ping</methodName><params><param><value><string>http://a.example/日本</string></value></param><param><value><string>t</string></value></param></params></methodCall>")
            .0
            .into_owned();
        assert_eq!(
            parse_call(&sjis).expect("sjis").params[0],
            "http://a.example/日本"
        );
    }

    #[test]
    fn broken_requests_are_parse_faults() {
        for body in [
            &b"not xml at all <"[..],
            b"<methodCall><params></params></methodCall>",
            b"<?xml version=\"1.0\" encoding=\"x-unknown\"?><a/>",
        ] {
            assert_eq!(
                parse_call(body).map_err(|f| f.code),
                Err(fault::PARSE_ERROR),
                "{}",
                String::from_utf8_lossy(body)
            );
        }
    }

    #[test]
    fn responses_are_escaped() {
        assert!(string_response("a & b").contains("<string>a &amp; b</string>"));
        let f = fault_response(&Fault::new(fault::NO_LINK, "no <a> link"));
        assert!(f.contains("<int>17</int>") && f.contains("no &lt;a&gt; link"));
    }

    #[test]
    fn responses_read_back() {
        assert_eq!(
            parse_response(string_response("registered & ok").as_bytes()),
            Ok("registered & ok".to_owned())
        );
        let f = parse_response(
            fault_response(&Fault::new(fault::ALREADY_REGISTERED, "already")).as_bytes(),
        );
        assert_eq!(f, Err(Fault::new(fault::ALREADY_REGISTERED, "already")));
        // WordPress answers with <i4> codes and no <string> element.
        let wp = b"<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><i4>17</i4></value></member><member><name>faultString</name><value>The source URL does not contain a link to the target URL.</value></member></struct></value></fault></methodResponse>";
        assert_eq!(parse_response(wp).map_err(|f| f.code), Err(fault::NO_LINK));
        assert!(parse_response(b"<html>500</html>").is_err());
        // WordPress writes apostrophes as character references.
        let f = parse_response(b"<methodResponse><fault><value><struct><member><name>faultCode</name><value><int>0</int></value></member><member><name>faultString</name><value><string>can&#039;t &#x3042;</string></value></member></struct></value></fault></methodResponse>");
        assert_eq!(f.map_err(|f| f.message), Err("can't \u{3042}".to_owned()));
        let call = call_xml("pingback.ping", &["http://a.example/?a=1&b=2", "t"]);
        assert_eq!(
            parse_call(call.as_bytes()).expect("call").params,
            ["http://a.example/?a=1&b=2", "t"]
        );
    }

    proptest::proptest! {
        #[test]
        fn response_parsing_never_panics(body in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let _ = parse_response(&body);
        }

        #[test]
        fn parsing_never_panics(body in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let _ = parse_call(&body);
        }

        #[test]
        fn parsing_arbitrary_xml_text_never_panics(body in "<methodCall>\\PC{0,200}") {
            let _ = parse_call(body.as_bytes());
        }
    }
}
