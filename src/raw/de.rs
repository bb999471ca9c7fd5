//! A serde deserializer over the YAML node tree that never stops at the first mistake.
//! Each problem (wrong type, unknown key, unknown choice) is recorded with its YAML path and
//! span, and a harmless placeholder is handed to serde so the rest of the file is still read.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use super::yaml::{Kind, Node, Span, Style, YamlIssue, join_index, join_key};
use crate::suggest;

/// Problems recorded while deserializing.
pub(crate) type Sink = RefCell<Vec<YamlIssue>>;

#[derive(Debug)]
pub(crate) struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

pub(crate) struct De<'a> {
    node: &'a Node,
    path: String,
    sink: &'a Sink,
}

impl<'a> De<'a> {
    pub(crate) fn new(node: &'a Node, sink: &'a Sink) -> Self {
        De {
            node,
            path: String::new(),
            sink,
        }
    }

    fn record(&self, span: Span, message: String, help: Option<String>) {
        let value = self.node.scalar().map(|v| v.chars().take(200).collect());
        self.sink.borrow_mut().push(YamlIssue {
            span,
            path: self.path.clone(),
            message,
            help,
            value,
            also: None,
        });
    }

    fn wrong_type(&self, expected: &str, help: Option<String>) {
        self.record(
            self.node.span,
            format!("expected {expected}, found {}", self.node.describe()),
            help,
        );
    }

    fn plain(&self) -> Option<&'a str> {
        match &self.node.kind {
            Kind::Scalar {
                text,
                style: Style::Plain,
            } => Some(text),
            _ => None,
        }
    }

    fn number<T: std::str::FromStr>(&self, what: &str) -> Option<T> {
        let text = self.node.scalar()?;
        let cleaned = text.trim();
        match cleaned.parse::<T>() {
            Ok(v) => Some(v),
            Err(_) => {
                self.record(
                    self.node.span,
                    format!("expected {what}, found `{}`", suggest::short(text)),
                    Some(format!(
                        "write {what} without units or quotes, e.g. `1000000`"
                    )),
                );
                None
            }
        }
    }
}

macro_rules! deserialize_number {
    ($method:ident, $ty:ty, $visit:ident, $what:expr) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            if self.node.scalar().is_none() {
                self.wrong_type($what, None);
                return visitor.$visit(<$ty>::default());
            }
            let v: $ty = self.number($what).unwrap_or_default();
            visitor.$visit(v)
        }
    };
}

impl<'de, 'a> de::Deserializer<'de> for De<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Scalar { text, style } => {
                if *style == Style::Plain {
                    if self.node.is_null() {
                        return visitor.visit_unit();
                    }
                    match text.as_str() {
                        "true" | "True" | "TRUE" => return visitor.visit_bool(true),
                        "false" | "False" | "FALSE" => return visitor.visit_bool(false),
                        _ => {}
                    }
                    if let Ok(i) = text.parse::<i64>() {
                        return visitor.visit_i64(i);
                    }
                    if let Ok(f) = text.parse::<f64>() {
                        return visitor.visit_f64(f);
                    }
                }
                visitor.visit_str(text)
            }
            Kind::Seq(_) => self.deserialize_seq(visitor),
            Kind::Map(_) => self.deserialize_map(visitor),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.plain() {
            Some("true" | "True" | "TRUE") => visitor.visit_bool(true),
            Some("false" | "False" | "FALSE") => visitor.visit_bool(false),
            Some(
                t @ ("yes" | "Yes" | "YES" | "no" | "No" | "NO" | "on" | "On" | "ON" | "off"
                | "Off" | "OFF" | "y" | "Y" | "n" | "N"),
            ) => {
                let truthy = matches!(t.to_ascii_lowercase().as_str(), "yes" | "on" | "y");
                self.record(
                    self.node.span,
                    format!("`{}` is not a yes/no value here", suggest::short(t)),
                    Some(format!(
                        "write `{}`; handbill reads YAML 1.2, where only true and false are booleans",
                        truthy
                    )),
                );
                visitor.visit_bool(truthy)
            }
            _ => {
                self.wrong_type("true or false", None);
                visitor.visit_bool(false)
            }
        }
    }

    deserialize_number!(deserialize_i8, i8, visit_i8, "a whole number");
    deserialize_number!(deserialize_i16, i16, visit_i16, "a whole number");
    deserialize_number!(deserialize_i32, i32, visit_i32, "a whole number");
    deserialize_number!(deserialize_i64, i64, visit_i64, "a whole number");
    deserialize_number!(deserialize_u8, u8, visit_u8, "a whole number");
    deserialize_number!(deserialize_u16, u16, visit_u16, "a whole number");
    deserialize_number!(deserialize_u32, u32, visit_u32, "a whole number");
    deserialize_number!(deserialize_u64, u64, visit_u64, "a whole number");
    deserialize_number!(deserialize_f32, f32, visit_f32, "a number");
    deserialize_number!(deserialize_f64, f64, visit_f64, "a number");

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.scalar() {
            // Any scalar is text when text is wanted: `no` stays "no", `0777` stays "0777".
            Some(text) => visitor.visit_str(text),
            None => {
                self.wrong_type(
                    "text",
                    Some(
                        "put the text on one line after the key, or use `>-` for several lines"
                            .into(),
                    ),
                );
                visitor.visit_str("")
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Seq(items) => visitor.visit_seq(SeqAccess {
                items: items.iter(),
                index: 0,
                path: &self.path,
                sink: self.sink,
            }),
            _ => {
                let help = self.node.scalar().map(|t| {
                    format!("write a list, e.g. `[{t}]`, or one item per line starting with `- `")
                });
                self.wrong_type("a list", help);
                visitor.visit_seq(SeqAccess {
                    items: [].iter(),
                    index: 0,
                    path: &self.path,
                    sink: self.sink,
                })
            }
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Map(entries) => {
                visitor.visit_map(MapAccess::new(entries, None, &self.path, self.sink))
            }
            _ => {
                self.wrong_type("a mapping (key: value pairs)", None);
                visitor.visit_map(MapAccess::new(&[], None, &self.path, self.sink))
            }
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Map(entries) => {
                visitor.visit_map(MapAccess::new(entries, Some(fields), &self.path, self.sink))
            }
            _ => {
                let keys = fields.join(", ");
                self.wrong_type(
                    "a mapping (key: value pairs)",
                    Some(format!(
                        "indent the settings under this key; it accepts: {keys}"
                    )),
                );
                visitor.visit_map(MapAccess::new(&[], None, &self.path, self.sink))
            }
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let chosen = match self.node.scalar() {
            Some(text) if variants.contains(&text) => text.to_string(),
            Some(text) => {
                self.record(
                    self.node.span,
                    format!("`{}` is not one of the choices here", suggest::short(text)),
                    Some(suggest::choice_help(text, variants)),
                );
                variants.first().copied().unwrap_or_default().to_string()
            }
            None => {
                self.wrong_type(
                    "one of the choices",
                    Some(suggest::choice_help("", variants)),
                );
                variants.first().copied().unwrap_or_default().to_string()
            }
        };
        visitor.visit_enum(chosen.into_deserializer())
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

struct SeqAccess<'a> {
    items: std::slice::Iter<'a, std::rc::Rc<Node>>,
    index: usize,
    path: &'a str,
    sink: &'a Sink,
}

impl<'de, 'a> de::SeqAccess<'de> for SeqAccess<'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let path = join_index(self.path, self.index);
        self.index += 1;
        seed.deserialize(De {
            node: item,
            path,
            sink: self.sink,
        })
        .map(Some)
    }
}

struct MapAccess<'a> {
    entries: Vec<&'a (std::rc::Rc<Node>, std::rc::Rc<Node>)>,
    next: usize,
    path: &'a str,
    sink: &'a Sink,
}

impl<'a> MapAccess<'a> {
    /// With `fields`, keys not among them are reported (with a suggestion) and skipped.
    /// Repeated keys (already reported by the parser) keep their first value.
    fn new(
        entries: &'a [(std::rc::Rc<Node>, std::rc::Rc<Node>)],
        fields: Option<&'static [&'static str]>,
        path: &'a str,
        sink: &'a Sink,
    ) -> Self {
        let mut kept = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for entry in entries {
            let key = entry.0.scalar().unwrap_or_default();
            if !seen.insert(key) {
                continue;
            }
            if let Some(fields) = fields
                && !fields.contains(&key)
            {
                let child = join_key(path, key);
                let help = if key == "<<" {
                    "YAML merge keys (`<<`) are not supported; write the settings out".to_string()
                } else {
                    suggest::key_help(key, fields)
                };
                sink.borrow_mut().push(YamlIssue {
                    span: entry.0.span,
                    path: child,
                    message: format!("unknown key `{key}`"),
                    help: Some(help),
                    value: None,
                    also: None,
                });
                continue;
            }
            kept.push(entry);
        }
        MapAccess {
            entries: kept,
            next: 0,
            path,
            sink,
        }
    }
}

impl<'de, 'a> de::MapAccess<'de> for MapAccess<'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, _)) = self.entries.get(self.next) else {
            return Ok(None);
        };
        let text = key.scalar().unwrap_or_default();
        seed.deserialize(de::value::StrDeserializer::<Error>::new(text))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some((key, value)) = self.entries.get(self.next) else {
            return Err(Error("value without a key".into()));
        };
        self.next += 1;
        let path = join_key(self.path, key.scalar().unwrap_or_default());
        seed.deserialize(De {
            node: value,
            path,
            sink: self.sink,
        })
    }
}
