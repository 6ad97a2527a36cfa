// The public page of published rectifications: no token.
declare const graphql: (s: TemplateStringsArray) => unknown;

export const published = graphql`
  query PublicScreenQuery($first: Int, $after: String) {
    publishedRectifications(first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      edges { cursor node { publishedOn unitName body } }
    }
  }
`;
