//! Who may decide what (职责范围): which matters each kind of partner agency receives, and which
//! outcomes it may record. The table in `policies/README.md` is this file in words.
//!
//! - The discipline inspection and supervisory commission (纪委监委) receives clues of violations
//!   by party members and public officials, files cases, chooses the disposal of a clue, and
//!   records party and government sanctions, criticism and education, transfers to the
//!   procuratorate and, after a transfer, the court's judgment.
//! - The organisation department (组织部) receives problems of cadre selection and appointment and
//!   records organisational measures and criticism and education.
//! - Other departments receive general problems passed to them for handling (问题移交) and answer
//!   with what they did: no measure on persons.
//! - Judicial bodies (检察院, 法院, 公安) receive nothing from the office: matters reach them only
//!   through the commission's transfer.

use entities::{AgencyCompetence, Measure, MeasureGroup, ReferralMatter};

/// What the competence is called in a refusal.
pub fn called(c: AgencyCompetence) -> &'static str {
    match c {
        AgencyCompetence::DisciplineSupervision => "the discipline inspection and supervisory commission",
        AgencyCompetence::Organization => "the organisation department",
        AgencyCompetence::Judicial => "a judicial body",
        AgencyCompetence::General => "a department",
    }
}

/// The only kind of matter an agency of competence `c` receives; `None` for judicial bodies.
pub fn receives(c: AgencyCompetence) -> Option<ReferralMatter> {
    match c {
        AgencyCompetence::DisciplineSupervision => Some(ReferralMatter::Violation),
        AgencyCompetence::Organization => Some(ReferralMatter::Cadre),
        AgencyCompetence::General => Some(ReferralMatter::General),
        AgencyCompetence::Judicial => None,
    }
}

/// Why an agency of competence `c` may not receive a matter of kind `m`; `None` when it may.
pub fn refuses_matter(c: AgencyCompetence, m: ReferralMatter) -> Option<String> {
    match receives(c) {
        Some(r) if r == m => None,
        None => Some("is a judicial body: matters reach it only through the commission's transfer".into()),
        Some(r) => Some(format!("is {}: it receives {} matters only, not {}", called(c), r.name(), m.name())),
    }
}

/// Whether an agency of competence `c` may record `measure`.
pub fn records(c: AgencyCompetence, measure: Measure) -> bool {
    match c {
        AgencyCompetence::DisciplineSupervision => measure.group() != MeasureGroup::OrganizationalMeasure,
        AgencyCompetence::Organization => {
            matches!(measure.group(), MeasureGroup::OrganizationalMeasure | MeasureGroup::CriticismAndEducation)
        }
        AgencyCompetence::Judicial | AgencyCompetence::General => false,
    }
}

/// Whether an agency of competence `c` files cases (立案) and chooses how a clue is disposed of
/// (谈话函询, 初步核实, 暂存待查, 予以了结): the commission's procedure alone.
pub fn files_cases(c: AgencyCompetence) -> bool {
    c == AgencyCompetence::DisciplineSupervision
}

#[cfg(test)]
mod tests {
    use sea_orm::Iterable;

    use super::*;

    #[test]
    fn each_competence_receives_its_matter_and_records_its_measures() {
        for c in AgencyCompetence::iter() {
            for m in ReferralMatter::iter() {
                assert_eq!(refuses_matter(c, m).is_none(), receives(c) == Some(m), "{c:?} {m:?}");
            }
        }
        assert!(records(AgencyCompetence::DisciplineSupervision, Measure::ExpulsionFromParty));
        assert!(records(AgencyCompetence::DisciplineSupervision, Measure::CourtJudgment));
        assert!(!records(AgencyCompetence::DisciplineSupervision, Measure::RemovalFromOffice));
        assert!(records(AgencyCompetence::Organization, Measure::RemovalFromOffice));
        assert!(records(AgencyCompetence::Organization, Measure::Admonishment));
        assert!(!records(AgencyCompetence::Organization, Measure::PartyWarning));
        assert!(Measure::iter().all(|m| !records(AgencyCompetence::General, m)));
        assert!(Measure::iter().all(|m| !records(AgencyCompetence::Judicial, m)));
    }
}
