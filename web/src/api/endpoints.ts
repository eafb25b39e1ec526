/** One typed function per gateway endpoint the web app calls. */
import type { BatchAnalysisRequest, BatchAnalysisResponse } from '@mixscope/contracts';
import { apiRequest } from './api-client.ts';
import type {
  Analysis,
  AnalysisListResponse,
  AnalysisRequest,
  AudioUrl,
  Comment,
  InviteResponse,
  Me,
  Member,
  NewComment,
  PendingInvite,
  PresignedUpload,
  Project,
  SharedAnalysis,
  SignupPendingResponse,
  SignupResponse,
  TargetProfile,
  Team,
  TeamRole,
  TrackName,
  UploadLimits,
  Waveform,
} from './api-types.ts';

const id = encodeURIComponent;

export const api = {
  /** Mails the link that opens the account; the answer is the same for a registered address. */
  signup: (input: { email: string; password: string; name: string; teamName: string }) =>
    apiRequest<SignupPendingResponse>('POST', '/auth/signup', input),
  /** An invitation proves the address: the account joins the inviting team at once. */
  signupFromInvite: (input: {
    email: string;
    password: string;
    name: string;
    inviteToken: string;
  }) => apiRequest<SignupResponse>('POST', '/auth/signup', input),
  verifySignup: (token: string) =>
    apiRequest<SignupResponse>('POST', '/auth/signup/verify', { token }),
  login: (input: { email: string; password: string }) =>
    apiRequest<{ accessToken: string }>('POST', '/auth/login', input),
  logout: () => apiRequest<void>('POST', '/auth/logout'),
  me: () => apiRequest<Me>('GET', '/me'),

  invite: (teamId: string, email: string, role: TeamRole = 'member') =>
    apiRequest<InviteResponse>('POST', `/teams/${id(teamId)}/invites`, { email, role }),
  acceptInvite: (token: string) =>
    apiRequest<{ team: Team }>('POST', `/invites/${id(token)}/accept`),
  listInvites: (teamId: string) =>
    apiRequest<PendingInvite[]>('GET', `/teams/${id(teamId)}/invites`),
  revokeInvite: (teamId: string, inviteId: string) =>
    apiRequest<void>('DELETE', `/teams/${id(teamId)}/invites/${id(inviteId)}`),
  listMembers: (teamId: string) => apiRequest<Member[]>('GET', `/teams/${id(teamId)}/members`),
  changeRole: (teamId: string, userId: string, role: TeamRole) =>
    apiRequest<Member>('PATCH', `/teams/${id(teamId)}/members/${id(userId)}`, { role }),
  removeMember: (teamId: string, userId: string) =>
    apiRequest<void>('DELETE', `/teams/${id(teamId)}/members/${id(userId)}`),

  listProjects: (teamId: string) =>
    apiRequest<Project[] | { items: Project[] }>('GET', `/teams/${id(teamId)}/projects`),
  createProject: (teamId: string, name: string) =>
    apiRequest<Project>('POST', `/teams/${id(teamId)}/projects`, { name }),
  getProject: (projectId: string) => apiRequest<Project>('GET', `/projects/${id(projectId)}`),

  listProfiles: (teamId: string) =>
    apiRequest<TargetProfile[]>('GET', `/teams/${id(teamId)}/profiles`),
  createProfile: (teamId: string, input: { name: string; analysisIds: string[] }) =>
    apiRequest<TargetProfile>('POST', `/teams/${id(teamId)}/profiles`, input),
  getProfile: (profileId: string) => apiRequest<TargetProfile>('GET', `/profiles/${id(profileId)}`),
  deleteProfile: (profileId: string) => apiRequest<void>('DELETE', `/profiles/${id(profileId)}`),

  uploadLimits: () => apiRequest<UploadLimits>('GET', '/uploads/limits'),
  createUpload: (
    projectId: string,
    file: { fileName: string; sizeBytes: number; contentType: string },
  ) => apiRequest<PresignedUpload>('POST', `/projects/${id(projectId)}/uploads`, file),
  completeUpload: (uploadId: string) =>
    apiRequest<{ upload: unknown }>('POST', `/uploads/${id(uploadId)}/complete`),

  createAnalysis: (projectId: string, request: AnalysisRequest) =>
    apiRequest<{ analysisId: string; status: string }>(
      'POST',
      `/projects/${id(projectId)}/analyses`,
      request,
    ),
  /** Several mixes queued as one submission (an album), each into its own project. */
  createBatch: (request: BatchAnalysisRequest) =>
    apiRequest<BatchAnalysisResponse>('POST', '/analyses/batch', request),
  getAnalysis: (analysisId: string) => apiRequest<Analysis>('GET', `/analyses/${id(analysisId)}`),
  listAnalyses: (projectId: string, cursor?: string | null) =>
    apiRequest<AnalysisListResponse>(
      'GET',
      `/projects/${id(projectId)}/analyses${cursor ? `?cursor=${id(cursor)}` : ''}`,
    ),
  deleteAnalysis: (analysisId: string) => apiRequest<void>('DELETE', `/analyses/${id(analysisId)}`),

  waveform: (analysisId: string, track: TrackName, detail = false) =>
    apiRequest<Waveform>(
      'GET',
      `/analyses/${id(analysisId)}/waveform?track=${track}${detail ? '&detail=1' : ''}`,
    ),
  audioUrl: (analysisId: string, track: TrackName) =>
    apiRequest<AudioUrl>('GET', `/analyses/${id(analysisId)}/audio?track=${track}`),

  listComments: (analysisId: string) =>
    apiRequest<Comment[]>('GET', `/analyses/${id(analysisId)}/comments`),
  createComment: (analysisId: string, comment: NewComment) =>
    apiRequest<Comment>('POST', `/analyses/${id(analysisId)}/comments`, comment),
  updateComment: (commentId: string, change: { body?: string; resolved?: boolean }) =>
    apiRequest<Comment>('PATCH', `/comments/${id(commentId)}`, change),
  deleteComment: (commentId: string) => apiRequest<void>('DELETE', `/comments/${id(commentId)}`),

  shared: (token: string) => apiRequest<SharedAnalysis>('GET', `/shared/${id(token)}`),
  sharedAudioUrl: (token: string, track: TrackName) =>
    apiRequest<AudioUrl>('GET', `/shared/${id(token)}/audio?track=${track}`),
};

export function projectsFrom(list: Project[] | { items: Project[] }): Project[] {
  return Array.isArray(list) ? list : list.items;
}
