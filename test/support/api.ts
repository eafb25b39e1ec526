import type {
  AnalysisDto,
  PresignedUploadResponse,
  ProjectDto,
  SignupResponse,
  UploadDto,
} from '@mixscope/contracts';
import { randomBytes } from 'node:crypto';
import { waitFor, type ReceivedMail } from '../../infra/local/local-stack.ts';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Account {
  token: string;
  userId: string;
  teamId: string;
  email: string;
}

/** Where the mails the gateway sends can be read (a TestStack's sink). */
export interface Mailbox {
  waitForMail(address: string, match?: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
}

/** A thin JSON client for the gateway's /api. */
export class ApiClient {
  /** `mailbox` receives the sign-up links, for signup(). */
  constructor(
    readonly base: string,
    private readonly mailbox?: Mailbox,
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    {
      token,
      body,
      headers = {},
      rawBody,
    }: {
      token?: string;
      body?: unknown;
      headers?: Record<string, string>;
      /** Sent as it is, with only the given headers (for bodies that are not JSON or not valid). */
      rawBody?: string;
    } = {},
  ): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: rawBody ?? (body !== undefined ? JSON.stringify(body) : undefined),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = unknown>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }

  post<T = unknown>(path: string, body: unknown, token?: string) {
    return this.request<T>('POST', path, { token, body });
  }

  delete<T = unknown>(path: string, token?: string) {
    return this.request<T>('DELETE', path, { token });
  }

  patch<T = unknown>(path: string, body: unknown, token?: string) {
    return this.request<T>('PATCH', path, { token, body });
  }

  /** Signs up with an invitation's token: the account joins the inviting team and founds none. */
  async signupFromInvite(name: string, email: string, inviteToken: string): Promise<Account> {
    const res = await this.post<SignupResponse>('/auth/signup', {
      email,
      password: 'correct horse battery',
      name,
      inviteToken,
    });
    if (res.status !== 201)
      throw new Error(`signup answered ${res.status}: ${JSON.stringify(res.body)}`);
    return {
      token: res.body.accessToken,
      userId: res.body.user.id,
      teamId: res.body.team.id,
      email,
    };
  }

  /** Signs up as a person does: the request, the link mailed to the address, then the account. */
  async signup(name = 'Tester'): Promise<Account> {
    if (!this.mailbox) throw new Error('signup() reads the mailed link: pass the stack as mailbox');
    const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@studio.test`;
    const requested = await this.post('/auth/signup', {
      email,
      password: 'correct horse battery',
      name,
      teamName: `${name}'s team`,
    });
    if (requested.status !== 202)
      throw new Error(`signup answered ${requested.status}: ${JSON.stringify(requested.body)}`);
    const res = await this.post<SignupResponse>('/auth/signup/verify', {
      token: await this.signupToken(email),
    });
    if (res.status !== 201)
      throw new Error(`signup verify answered ${res.status}: ${JSON.stringify(res.body)}`);
    return {
      token: res.body.accessToken,
      userId: res.body.user.id,
      teamId: res.body.team.id,
      email,
    };
  }

  /** Puts `account` in the owner's team with `role`, through an invite it accepts. */
  async joinTeam(owner: Account, account: Account, role: string): Promise<void> {
    const invite = await this.post<{ token: string }>(
      `/teams/${owner.teamId}/invites`,
      { email: account.email, role },
      owner.token,
    );
    if (invite.status !== 201)
      throw new Error(`invite answered ${invite.status}: ${JSON.stringify(invite.body)}`);
    const accepted = await this.post(`/invites/${invite.body.token}/accept`, {}, account.token);
    if (accepted.status !== 200)
      throw new Error(`accept answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
  }

  /** The token of the newest sign-up link mailed to `email`. */
  async signupToken(email: string): Promise<string> {
    const mail = await this.mailbox!.waitForMail(email, (m) =>
      m.links.some((l) => l.includes('/signup/verify/')),
    );
    const link = mail.links.find((l) => l.includes('/signup/verify/'))!;
    return decodeURIComponent(link.split('/signup/verify/')[1]);
  }

  async createProject(account: Account, name = 'Album'): Promise<ProjectDto> {
    const res = await this.post<ProjectDto>(
      `/teams/${account.teamId}/projects`,
      { name },
      account.token,
    );
    if (res.status !== 201) throw new Error(`create project answered ${res.status}`);
    return res.body;
  }

  /** Presign, PUT the bytes to S3, complete; returns the completed upload. */
  async upload(
    account: Account,
    projectId: string,
    fileName: string,
    bytes: Buffer,
    { contentType = 'audio/wav', declaredSize = bytes.length } = {},
  ): Promise<UploadDto> {
    const presigned = await this.presign(account, projectId, fileName, declaredSize, contentType);
    const put = await putToStorage(presigned, bytes);
    if (put !== 200) throw new Error(`PUT to storage answered ${put}`);
    const done = await this.post<{ upload: UploadDto }>(
      `/uploads/${presigned.uploadId}/complete`,
      {},
      account.token,
    );
    if (done.status !== 200)
      throw new Error(`complete answered ${done.status}: ${JSON.stringify(done.body)}`);
    return done.body.upload;
  }

  async presign(
    account: Account,
    projectId: string,
    fileName: string,
    sizeBytes: number,
    contentType = 'audio/wav',
  ): Promise<PresignedUploadResponse> {
    const res = await this.post<PresignedUploadResponse>(
      `/projects/${projectId}/uploads`,
      { fileName, sizeBytes, contentType },
      account.token,
    );
    if (res.status !== 201)
      throw new Error(`presign answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async createAnalysis(
    account: Account,
    projectId: string,
    body: Record<string, unknown>,
  ): Promise<string> {
    const res = await this.post<{ analysisId: string }>(
      `/projects/${projectId}/analyses`,
      body,
      account.token,
    );
    if (res.status !== 202)
      throw new Error(`create analysis answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.analysisId;
  }

  async waitForAnalysis(
    account: Account,
    analysisId: string,
    statuses: AnalysisDto['status'][] = ['completed', 'failed'],
    timeoutMs = 60_000,
  ): Promise<AnalysisDto> {
    return waitFor(
      `analysis ${analysisId} to be ${statuses.join(' or ')}`,
      async () => {
        const res = await this.get<AnalysisDto>(`/analyses/${analysisId}`, account.token);
        return res.status === 200 && statuses.includes(res.body.status) ? res.body : undefined;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }

  /** Waits until the analysis has its written report (or failed); returns it as GET shows it. */
  async waitForReport(account: Account, analysisId: string, timeoutMs = 60_000) {
    return waitFor(
      `the report of analysis ${analysisId}`,
      async () => {
        const res = await this.get<AnalysisDto>(`/analyses/${analysisId}`, account.token);
        const done = res.body.status === 'failed' || res.body.reportStatus === 'ready';
        return res.status === 200 && done ? res.body : undefined;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }
}

/** PUTs bytes to a presigned URL the way a browser would. */
export async function putToStorage(
  presigned: PresignedUploadResponse,
  bytes: Buffer,
): Promise<number> {
  const response = await fetch(presigned.url, {
    method: presigned.method,
    headers: presigned.headers,
    body: bytes,
  });
  await response.arrayBuffer();
  return response.status;
}
