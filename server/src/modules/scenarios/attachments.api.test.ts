import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ATTACHMENT_LIMITS } from '@zhicheng/contracts/scenarios';
import { createTestApp, expectAuthMatrix, type TestApp, type TestUser } from '../../../test/app.ts';
import { describeDb } from '../../../test/db.ts';
import { sampleCase } from './test-fixtures.ts';

const BOUNDARY = 'zcBoundary';
const multipart = (data: Buffer, filename: string) => ({
  payload: Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]),
  headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
});
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describeDb('scenarios api: photos and documents of a case', (kind) => {
  let t: TestApp;
  let lixia: TestUser;
  let shizhong: TestUser;
  let jinanApprover: TestUser;
  let qingdaoApprover: TestUser;
  let provinceApprover: TestUser;
  let caseId: string;
  let photo: Buffer;
  const upload = (who: TestUser, data: Buffer, filename: string, id = caseId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/scenarios/cases/${id}/attachments`,
      ...multipart(data, filename),
      headers: { ...multipart(data, filename).headers, cookie: who.cookie },
    });
  const stored = async () =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/scenarios/cases/${caseId}`,
        headers: { cookie: lixia.cookie },
      })
    ).json().attachments as { id: string; kind: string; type: string; width: number | null; height: number | null }[];

  beforeAll(async () => {
    t = await createTestApp(kind);
    lixia = await t.user('county_operator', '370102');
    shizhong = await t.user('county_operator', '370103');
    jinanApprover = await t.user('city_approver', '370100');
    qingdaoApprover = await t.user('city_approver', '370200');
    provinceApprover = await t.user('province_approver', '370000');
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/v1/scenarios/cases',
      payload: sampleCase({ title: '历下区智慧停车照片测试' }),
      headers: { cookie: lixia.cookie },
    });
    expect(c.statusCode, c.body).toBe(201);
    caseId = c.json().id;
    // A 3,000 × 2,000 camera photo.
    photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#3a7bd5' } })
      .jpeg()
      .toBuffer();
  });
  afterAll(() => t.close());

  it('takes a photo from the case’s author only and re-encodes it for the phone', async () => {
    const body = multipart(photo, '现场.jpg');
    const r = await expectAuthMatrix(t, {
      method: 'POST',
      url: `/api/v1/scenarios/cases/${caseId}/attachments`,
      payload: body.payload,
      headers: body.headers,
      allowed: lixia,
      wrongRole: jinanApprover,
      wrongRegion: shizhong,
      okStatus: 201,
    });
    const side = ATTACHMENT_LIMITS.photoMaxSide;
    expect(r.json()).toMatchObject({ kind: 'photo', type: 'webp', filename: '现场.jpg', width: side, height: 1067 });
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/scenarios/cases/${caseId}/attachments/${r.json().id}`,
      headers: { cookie: jinanApprover.cookie },
    });
    expect([file.statusCode, file.headers['content-type']]).toEqual([200, 'image/webp']);
    expect((await sharp(file.rawPayload).metadata()).width).toBe(side);
    expect(r.json().size).toBeLessThan(photo.length);
    // Another city's approver may not read it; nobody without a session.
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/scenarios/cases/${caseId}/attachments/${r.json().id}`,
      headers: { cookie: qingdaoApprover.cookie },
    });
    expect(other.statusCode).toBe(403);
  });

  it('keeps PDFs as documents and refuses other files, broken images and more than the limit', async () => {
    const pdf = await upload(lixia, PDF, '可研报告.pdf');
    expect(pdf.json()).toMatchObject({ kind: 'document', type: 'pdf', width: null });
    const before = (await stored()).length;
    const text = await upload(lixia, Buffer.from('just some text'), 'a.txt');
    expect([text.statusCode, text.json().errors[0].path]).toEqual([415, 'file']);
    const broken = await upload(lixia, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]), 'broken.jpg');
    expect([broken.statusCode, broken.json().code]).toEqual([422, 'scenarios_bad_image']);
    expect(await stored()).toHaveLength(before);
    for (let i = 1; i < ATTACHMENT_LIMITS.documents; i++)
      expect((await upload(lixia, PDF, `附件${i}.pdf`)).statusCode).toBe(201);
    const over = await upload(lixia, PDF, 'one-too-many.pdf');
    expect([over.statusCode, over.json().code]).toEqual([409, 'scenarios_attachment_limit']);
    // Removing one makes room; removal is the author's too.
    const docs = (await stored()).filter((a) => a.kind === 'document');
    const del = await expectAuthMatrix(t, {
      method: 'DELETE',
      url: `/api/v1/scenarios/cases/${caseId}/attachments/${docs.at(-1)!.id}`,
      allowed: lixia,
      wrongRole: jinanApprover,
      wrongRegion: shizhong,
      okStatus: 204,
    });
    expect(del.statusCode).toBe(204);
    expect((await stored()).filter((a) => a.kind === 'document')).toHaveLength(ATTACHMENT_LIMITS.documents - 1);
  });

  it('freezes them once submitted, and shows them to everyone once the case is accepted', async () => {
    const photoId = (await stored()).find((a) => a.kind === 'photo')!.id;
    const publicUrl = `/api/v1/scenarios/public/cases/${caseId}/attachments/${photoId}`;
    expect((await t.app.inject({ method: 'GET', url: publicUrl })).statusCode).toBe(404);
    const go = (who: TestUser, step: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/scenarios/cases/${caseId}/${step}`,
        payload: {},
        headers: { cookie: who.cookie },
      });
    expect((await go(lixia, 'submit')).statusCode).toBe(200);
    const late = await upload(lixia, PDF, 'late.pdf');
    expect(late.statusCode).toBe(409);
    const lateDelete = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/scenarios/cases/${caseId}/attachments/${photoId}`,
      headers: { cookie: lixia.cookie },
    });
    expect(lateDelete.statusCode).toBe(409);
    expect((await go(jinanApprover, 'recommend')).statusCode).toBe(200);
    expect((await go(provinceApprover, 'accept')).statusCode).toBe(200);
    const pub = await t.app.inject({ method: 'GET', url: publicUrl });
    expect([pub.statusCode, pub.headers['content-type']]).toEqual([200, 'image/webp']);
    const page = await t.app.inject({ method: 'GET', url: `/api/v1/scenarios/public/cases/${caseId}` });
    expect(page.json().attachments.map((a: { kind: string }) => a.kind)).toContain('photo');
  });
});
