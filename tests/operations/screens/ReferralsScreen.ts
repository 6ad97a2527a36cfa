// A partner agency's referrals, and the change stream its system pulls.
declare const graphql: (s: TemplateStringsArray) => unknown;

export const referrals = graphql`
  query ReferralsScreenQuery($first: Int, $after: String) {
    referralChanges(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { id status matter deadline overdue agencyName version } }
    }
  }
`;
