//! The roles a mapping page offers for a form's columns, and how a role travels through a
//! form (a token: the role's JSON, so every form kind's roles round-trip without a table of
//! names to keep in step).

use capaian_domain::model::Field;

use crate::header::is_money;
use crate::mapping::{ColumnRole, IgnoreReason};
use crate::profile::{FormProfile, GroupKey, GroupKind};

/// How many parts a Kode can be split over (urusan | bidang | program | kegiatan | sub).
pub const KODE_PARTS: u8 = 5;

/// Every role a column of `profile`'s form can have, in the order of the form's columns,
/// then the Kode parts, the satuan columns and the roles that read a column past.
pub fn role_choices(profile: &FormProfile) -> Vec<ColumnRole> {
    let mut fields: Vec<Field> = Vec::new();
    let mut with_unit: Vec<Field> = Vec::new();
    let mut ordered: Vec<&crate::profile::GroupSpec> = profile.groups.iter().collect();
    ordered.sort_by_key(|g| g.key);
    for g in ordered {
        match g.kind {
            GroupKind::Single(Some(f)) => fields.push(f),
            GroupKind::Single(None) => {}
            GroupKind::Measure { k, rp } => {
                fields.extend([k, rp]);
                with_unit.push(k);
            }
            GroupKind::Quarterly => {
                for q in 1..=4 {
                    fields.extend([Field::TwK(q), Field::TwRp(q)]);
                    with_unit.push(Field::TwK(q));
                }
            }
            GroupKind::QuarterTargets => fields.extend((1..=4).map(Field::TargetTwK)),
        }
        if g.key == GroupKey::Satuan && !fields.contains(&Field::Unit) {
            fields.push(Field::Unit);
        }
    }
    if !fields.contains(&Field::Unit) {
        fields.push(Field::Unit);
    }
    let mut out: Vec<ColumnRole> = Vec::new();
    for field in fields {
        let role = ColumnRole::Field { field };
        if !out.contains(&role) {
            out.push(role);
        }
    }
    if profile.group(GroupKey::Kode).is_some() {
        out.extend((0..KODE_PARTS).map(|part| ColumnRole::KodePart { part }));
    }
    out.extend(
        with_unit
            .into_iter()
            .map(|field| ColumnRole::UnitOf { field }),
    );
    out.extend(
        [
            IgnoreReason::Nomor,
            IgnoreReason::Konteks,
            IgnoreReason::Sasaran,
            IgnoreReason::PersenKumulatif,
        ]
        .map(|reason| ColumnRole::Ignored { reason }),
    );
    out.push(ColumnRole::Unknown);
    out
}

/// The token of a role, as a form sends it back.
pub fn role_token(role: &ColumnRole) -> String {
    serde_json::to_string(role).unwrap_or_default()
}

/// The role a form sent back; `None` for anything that is not a role.
pub fn role_from_token(token: &str) -> Option<ColumnRole> {
    serde_json::from_str(token).ok()
}

/// Does the role hold rupiah (so a scale applies)?
pub fn is_money_role(role: &ColumnRole) -> bool {
    matches!(role, ColumnRole::Field { field } if is_money(*field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_e81_field_is_offered_once_and_tokens_round_trip() {
        let choices = role_choices(&FormProfile::e81());
        for field in [
            Field::Kode,
            Field::Name,
            Field::Indicator,
            Field::Unit,
            Field::TargetK,
            Field::TargetRp,
            Field::TwK(3),
            Field::TwRp(4),
            Field::C15Rp,
            Field::Keterangan,
        ] {
            let n = choices
                .iter()
                .filter(|r| **r == ColumnRole::Field { field })
                .count();
            assert_eq!(n, 1, "{field:?}");
        }
        assert!(choices.contains(&ColumnRole::KodePart { part: 2 }));
        assert!(choices.contains(&ColumnRole::Unknown));
        for role in &choices {
            assert_eq!(role_from_token(&role_token(role)).as_ref(), Some(role));
        }
        assert_eq!(role_from_token("bukan peran"), None);
        assert!(is_money_role(&ColumnRole::Field {
            field: Field::TwRp(2)
        }));
        assert!(!is_money_role(&ColumnRole::Field {
            field: Field::TwK(2)
        }));
    }
}
