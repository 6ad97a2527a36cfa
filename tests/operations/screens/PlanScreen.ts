// The unit writes its rectification plan and submits it.
declare const graphql: (s: TemplateStringsArray) => unknown;

export const summary = graphql`
  mutation PlanScreenSummaryMutation($id: ID!, $summary: String!, $version: Int) {
    updateRectificationPlan(input: { id: $id, summary: $summary, version: $version }) { rectificationPlan { id summary version } }
  }
`;

export const addLine = graphql`
  mutation PlanScreenAddLineMutation($planId: ID!, $line: RectificationPlanLineInput!) {
    addRectificationPlanItem(input: { planId: $planId, line: $line }) { rectificationPlanItem { id problem content deadline } }
  }
`;

export const submit = graphql`
  mutation PlanScreenSubmitMutation($id: ID!, $version: Int) {
    submitRectificationPlan(input: { id: $id, version: $version }) { rectificationPlan { id status submissionCount } }
  }
`;
