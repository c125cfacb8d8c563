/**
 * A ProjectionExpression for attribute paths (`ratings.count`), every part behind a name
 * placeholder (`count` and `scope` are reserved words): a read then returns only what a page shows.
 */
export function projectionOf(paths: readonly string[] | undefined): {
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
} {
  if (!paths?.length) return {};
  const names: Record<string, string> = {};
  const expression = [...new Set(paths)]
    .map((path) =>
      path
        .split('.')
        .map((part) => {
          const name = `#${part.replace(/\W/g, '_')}`;
          names[name] = part;
          return name;
        })
        .join('.'),
    )
    .join(', ');
  return { ProjectionExpression: expression, ExpressionAttributeNames: names };
}
