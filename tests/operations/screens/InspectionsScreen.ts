// The office's and the leadership group's list of inspections: unit, team, round and the counts
// of what hangs from each, in one request.
declare const graphql: (s: TemplateStringsArray) => unknown;

export const inspections = graphql`
  query InspectionsScreenQuery($first: Int, $after: String, $roundId: ID) {
    inspections(first: $first, after: $after, filter: { roundId: $roundId }, orderBy: CREATED_AT_DESC) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        cursor
        node {
          id
          status
          kind
          unit { id name unitCategory }
          team { id name }
          round { id name status }
          findings(first: 0) { totalCount }
          recommendations(first: 0) { totalCount }
          rectificationTasks(first: 0) { totalCount }
          petitions(first: 0) { totalCount }
          clues(first: 0) { totalCount }
        }
      }
    }
  }
`;
