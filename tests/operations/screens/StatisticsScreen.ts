// The leadership group's figures, and the login every screen starts from.
declare const graphql: (s: TemplateStringsArray) => unknown;

export const statistics = graphql`
  query StatisticsScreenQuery($roundId: ID) {
    statistics(roundId: $roundId) {
      rounds
      inspections
      findings
      politicalFindings
      clues
      recommendations
      casesFiled
      personsDisciplined
      rectificationTasks { total closed overdue completionRate }
      rectification {
        plans { status count }
        plansOverdue
        reports { status count }
        reportsOverdue
        published
        grades { grade count }
        supervisionNotes
      }
    }
  }
`;

export const login = graphql`
  mutation StatisticsScreenLoginMutation($username: String!, $password: String!) {
    login(input: { username: $username, password: $password }) { token expiresAt user { id displayName } }
  }
`;
