/**
 * Which promotion events an adoption followed: the event showed the case, the adopter (or its city) attended, and
 * the adoption came after the event within a year. Pure, so the public page and the event list agree.
 */
export const FOLLOW_WINDOW_DAYS = 365;

export function eventsBefore<E extends { heldOn: string; caseIds: string[]; attendingRegions: string[] }>(
  events: E[],
  a: { sourceCaseId: string; adopterRegion: string; adopterCity: string; adoptedOn: string },
): E[] {
  const adopted = Date.parse(a.adoptedOn);
  return events.filter((e) => {
    const held = Date.parse(e.heldOn);
    return (
      e.caseIds.includes(a.sourceCaseId) &&
      (e.attendingRegions.includes(a.adopterRegion) || e.attendingRegions.includes(a.adopterCity)) &&
      held <= adopted &&
      adopted - held <= FOLLOW_WINDOW_DAYS * 86_400_000
    );
  });
}
