// A unit's rectification list: what it must act on, soonest deadline first.
declare const graphql: (s: TemplateStringsArray) => unknown;

export const tasks = graphql`
  query TasksScreenQuery($first: Int, $after: String) {
    rectificationTasks(first: $first, after: $after, filter: { statuses: [ASSIGNED, RETURNED, REOPENED] }, orderBy: DEADLINE_ASC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          content
          measures
          responsiblePerson
          deadline
          overdue
          status
          fixAtOnce
          version
          recommendation { id content }
          progressReports { id content createdAt }
          evidenceCount
          supervisionNotes { id signedBy body }
        }
      }
    }
  }
`;

export const start = graphql`
  mutation TasksScreenStartMutation($id: ID!, $version: Int) {
    startRectificationTask(input: { id: $id, version: $version }) { rectificationTask { id status version } }
  }
`;
