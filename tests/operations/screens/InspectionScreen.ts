// One inspection: its record, the first page of each list of children, and the unit's
// rectification (plan, reports, supervision notes).
declare const graphql: (s: TemplateStringsArray) => unknown;

export const inspection = graphql`
  query InspectionScreenQuery($id: ID!) {
    node(id: $id) {
      id
      ... on Inspection {
        status
        theme
        unit { id name }
        followsInspection { id }
        findings(first: 20) {
          totalCount
          pageInfo { hasNextPage endCursor }
          edges { cursor node { id category political description includeInFeedback } }
        }
        clues(first: 20) { totalCount nodes { id status referrals(first: 5) { totalCount nodes { id status agencyName } } } }
        petitions(first: 20) { totalCount nodes { id status } }
        recommendations(first: 20) { totalCount nodes { id content } }
        rectificationTasks(first: 20) {
          totalCount
          nodes { id content status deadline overdue longTerm reopenReason supervisionNotes { id signedBy body } }
        }
        rectificationPlan {
          id
          status
          dueOn
          overdue
          summary
          items { id problem content measures responsibleLeader responsiblePerson deadline longTerm task { id status } }
          versions { number submittedAt outcome comment }
        }
        rectificationReports { id kind status dueOn overdue }
        supervisionNotes { id signedBy body createdAt task { id } }
      }
    }
  }
`;
