/**
 * What each team role may do. The gateway enforces this table and the web app hides the controls
 * it forbids; neither keeps its own list.
 */
export const TEAM_ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TEAM_ACTIONS = [
  /** Listen, read every analysis, see the waveform. */
  'listen',
  /** Write, edit and delete one's own comments; resolve any comment. */
  'comment',
  /** Upload files, start analyses, create projects. */
  'analyse',
  /** Delete an analysis one created. */
  'deleteOwnAnalysis',
  /** Delete any analysis of the team, and any comment. */
  'deleteAnyAnalysis',
  /** Create and revoke client share links. */
  'share',
  /** Create and delete the team's target profiles (every member may list them and analyse against one). */
  'manageProfiles',
  /** Invite, change roles, remove members, revoke invites. */
  'manageMembers',
] as const;
export type TeamAction = (typeof TEAM_ACTIONS)[number];

const GRANTS: Record<TeamRole, readonly TeamAction[]> = {
  owner: TEAM_ACTIONS,
  admin: TEAM_ACTIONS,
  member: ['listen', 'comment', 'analyse', 'deleteOwnAnalysis', 'share', 'manageProfiles'],
  viewer: ['listen', 'comment'],
};

export function roleAllows(role: TeamRole, action: TeamAction): boolean {
  return GRANTS[role].includes(action);
}

export function isTeamRole(value: unknown): value is TeamRole {
  return typeof value === 'string' && (TEAM_ROLES as readonly string[]).includes(value);
}

/** Roles an admin may hand out; only an owner makes another owner. */
export function assignableRoles(by: TeamRole): readonly TeamRole[] {
  if (by === 'owner') return TEAM_ROLES;
  if (by === 'admin') return ['admin', 'member', 'viewer'];
  return [];
}
