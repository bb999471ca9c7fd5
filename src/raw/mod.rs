//! Raw, serde-shaped types for the files users write (`campaign.yaml`, `design.yaml`), and
//! the only module that knows about YAML. Parsing never stops at the first mistake.

pub(crate) mod campaign;
mod de;
pub(crate) mod design;
mod tree;
pub(crate) mod yaml;

use std::cell::RefCell;

use serde::de::DeserializeOwned;

pub(crate) use campaign::CampaignSpec;
pub(crate) use yaml::{Budget, Document, Span, YamlIssue};

/// What came out of reading one YAML file: the typed value (if a tree could be built),
/// the tree with the position of every path, and every problem found on the way.
pub(crate) struct Parsed<T> {
    pub(crate) spec: Option<T>,
    pub(crate) doc: Option<Document>,
    pub(crate) issues: Vec<YamlIssue>,
}

/// Read YAML text into `T`, recording every problem rather than stopping at the first.
pub(crate) fn parse<T: DeserializeOwned + Default>(text: &str, budget: Budget) -> Parsed<T> {
    let (doc, mut issues) = yaml::parse(text, budget);
    let Some(doc) = doc else {
        return Parsed {
            spec: None,
            doc: None,
            issues,
        };
    };
    let sink = RefCell::new(Vec::new());
    let result = T::deserialize(de::De::new(&doc.root, &sink));
    issues.extend(sink.into_inner());
    let spec = match result {
        Ok(spec) => spec,
        Err(e) => {
            // Only reachable if a type's own Deserialize fails; keep the message.
            issues.push(YamlIssue {
                span: doc.root.span,
                path: String::new(),
                message: e.to_string(),
                help: None,
                value: None,
                also: None,
            });
            T::default()
        }
    };
    Parsed {
        spec: Some(spec),
        doc: Some(doc),
        issues,
    }
}

pub(crate) fn parse_campaign(text: &str) -> Parsed<CampaignSpec> {
    parse(text, Budget::CAMPAIGN)
}

/// The JSON Schema of the campaign file, generated from the spec types.
pub(crate) fn campaign_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(CampaignSpec);
    schema.to_value()
}

/// The JSON Schema of a design file (`design.yaml`), generated from the spec types.
pub(crate) fn design_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(design::DesignSpec).to_value();
    schema["title"] = serde_json::json!("handbill design");
    schema
}

/// A YAML document as JSON (YAML 1.2 core schema), for checking it against the schema.
pub fn yaml_to_json(text: &str) -> Option<serde_json::Value> {
    let (doc, _) = yaml::parse(text, Budget::CAMPAIGN);
    doc.map(|d| d.root.to_json())
}
