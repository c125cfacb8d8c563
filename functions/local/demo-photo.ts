import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_S3_CREDENTIALS } from './s3-local.js';

/**
 * The demo's one photo: a 240×180 JPEG (3.6 KB, drawn once in Chromium: a counter, a notice board,
 * a green tick and the words 示例照片 DEMO, so nobody takes it for a real outlet's picture). The
 * seeding stores it under every key the demo history's findings and answers name, so the pages
 * show a picture where the demo has one.
 */
export const DEMO_PHOTO_JPEG = Buffer.from(
  [
    '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAA',
    'AABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAA',
    'ABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAA',
    'AAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAA',
    'AAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAA',
    'AABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsK',
    'CA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYV',
    'FSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAC0APADASIAAhEB',
    'AxEB/8QAGwABAAIDAQEAAAAAAAAAAAAAAAUGAgQHAwH/xABCEAABAwIBBgkLBAECBwAAAAAAAQIDBAURBhITFSHRFjFSU1SS',
    'oaPhFCIzNkFRVWGUssFxdYKRMiPxJTRCgZOisf/EABgBAQEBAQEAAAAAAAAAAAAAAAABAgQD/8QAIxEBAAEDAwUAAwAAAAAA',
    'AAAAAAECEVEDEhMUITGB8AQyQf/aAAwDAQACEQMRAD8AvwAMNAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAGvW',
    '1cNDSvqJ3YMb7uNV9yESZs2AUG5X+trXqjJHQQ+xjFw/tfaRee7Ozs5cffiec6kOefyYie0OpAoNtv8AW0T0R8jp4fax64/0',
    'vsLtRVcNbSsqIHYsd/aL7lNU1RU9NPVivw2AAbeoAAAAAAADUuNfHb4o5JIpZdJIkbWxNznK5ccNmPyNbXD/AINdvpvEXv0l',
    'q/cIfyWQsQit64f8Gu303iNcP+DXb6bxLIC2gureuH/Brt9N4jXD/g12+m8SyAWgureuH/Brt9N4jXD/AINdvpvEsgFoLoS3',
    'V8dwikkjili0cixubK3Ncjkwx2Y/M2yLsnpLr+4TfglDMqAAAAAAAAFNyxq3SV0dKi+ZE3OVPe5fDAuRQ8qmObfZVXHB7Wqn',
    '6YYfg89Tw8PyJtQhzJrXPcjWIrnOXBERNqqWjJ+htV3tE1ErNHXp52kVcV+Sp8vYqG1k/YUtT5rld81nk+OYiriiYf8AVu/2',
    'MRRM2c0aUzZ5VFot9nyZctyjR9ZNtbgvnNd7ERfcnt/2NLI6rdHXSUqr5krc5E9zk8COvl1ku1e6d2LY2+bEzkt3mxkqxzr5',
    'E5McGNcq/phh+ReN0WaiqOSNq9gA93cAAAAAAAAi736S1fuEP5LIVu9+ktX7hD+SyGo8JIACoAAAAAK3ZPSXX9wm/BKEXZPS',
    'XX9wm/BKGJ8qAAKAAAAABBZT2p1dTNnp24zwp/inG5vu/UnQSYvFmaqYqi0uY01RNR1LJ4HqyWNcUUmL9lHLdqeGBjFijREd',
    'K3H/ACfuLDcbDQ171kc1YpV43x7Mf1T2kZwPbnf88uHu0XieW2qO0OSdLUpvEeFURFVcE2qXbJi1OoaZ09Q3CeZP8V42t936',
    'mxbrDQ0D0ka1ZZU4nybcP0T2Eqaoot3l66Wjtm8gAPR0AAAAAAAAIu9+ktX7hD+SyFav2kayhmjglm0NZHK5sTM52amKrsNn',
    'hKz4RdvpvE1CSnAQfCVnwi7fTeI4Ss+EXb6bxKicBB8JWfCLt9N4jhKz4RdvpvECcBB8JWfCLt9N4jhKz4RdvpvEDXsnpLr+',
    '4TfglCKsOkcyumkglh01ZJK1srM12auCpsJUxKgACgAAAEZlHVT0VjqKmlfmSszc12CLhi5E4l+SknstNM1VRTH9SYOacKr3',
    '03umbhwqvfTe6ZuMckOzodTMfenSwc04VXvpvdM3DhVe+m90zcOSDodTMfenSwc04VXvpvdM3DhVe+m90zcOSDodTMfenSwc',
    '04VXvpvdM3DhVe+m90zcOSDodTMfenSwc04VXvpvdM3DhVe+m90zcOSDodTMfenSwc04VXvpvdM3DhVe+m90zcOSDodTMfen',
    'Swc04VXvpvdM3DhVe+m90zcOSDodTMfenSwc04VXvpvdM3DhVe+m90zcOSDodTMfenSwc04VXvpvdM3DhVe+m90zcOSDodTM',
    'fenSwc04VXvpvdM3DhVe+m90zcOSDodTMfenSwc04VXvpvdM3DhVe+m90zcOSDodTMfenSwRmTlVPW2Onqap+fK/OznYImOD',
    'lTiT5ISZuO7jqpmmqaZ/gACoAAARGVSI7J2qReLzPvaS5E5U+r1V/D70M1eJao7VQ51omcntGiZye0zBzO7kqyw0TOT2jRM5',
    'PaZgHJVlhomcntGiZye0zAOSrLDRM5PaNEzk9pmAclWWGiZye0aJnJ7TMA5KssNEzk9o0TOT2mYByVZYaJnJ7RomcntMwDkq',
    'yw0TOT2jRM5PaZgHJVlhomcntGiZye0zAOSrLDRM5PaNEzk9pmAclWWGiZye0aJnJ7TMA5Ksug5KojcnaVE4vP8AvcS5E5Le',
    'r1L/AD+9SWOmnxDhr71SAA0yAAAROVPq9Vfw+9CWInKn1eqv4fehmrxK0/tDnoAOZ2AAAAAAAAAAAAAAAAAAAAAAAAAAA6Fk',
    't6vUv8/vUliJyW9XqX+f3qSx00+IcdX7SAA0gCABLlk+ROVPq9Vfw+9DWNa4076qikgjVqOdhgruLYqKSfDVPaYU8ErqCr5y',
    'DrLuGoKvnIOsu48NsunfTlFAldQVfOQdZdw1BV85B1l3DbJvpyigSuoKvnIOsu4agq+cg6y7htk305RQJXUFXzkHWXcNQVfO',
    'QdZdw2yb6cooErqCr5yDrLuGoKvnIOsu4bZN9OUUCV1BV85B1l3DUFXzkHWXcNsm+nKKBK6gq+cg6y7hqCr5yDrLuG2TfTlF',
    'AldQVfOQdZdw1BV85B1l3DbJvpyigSuoKvnIOsu4agq+cg6y7htk305RQJXUFXzkHWXcNQVfOQdZdw2yb6cooErqCr5yDrLu',
    'GoKvnIOsu4bZN9OVtyW9XqX+f3qSxV7dTvpaKOCRWq5uOKt4tqqpsnvHhzVd5lPggAW7NgAEUAAAAAAAAAAAAAAAAAAAAAAA',
    'AAAAAAAAAAAAAAAUIGrJdfQUICxdfQUICxdfQUI9IoZZlVIYnyYcea1VwFi68gpXkNZ0Wf8A8an2ioKqvnWCkiWSRrVcrU2b',
    'EFi66AqE9nuVOxHz0U0bVVGorm4Jip9ZZrnJLLHHRSvdC7NejUxzV92wWLrcCqahu/w6o6ims2gq3PqGJA5HUzVdKi7FYice',
    'IsXXQFJdSTso2Vjo8IJHqxrsU2qnGmHGeAsXX0FCAsXX0FCAsXX0FCAsXX0FCAsXX0FCAsXX0FCAsXX0FCAsXAAVAAAAAAJ/',
    'JzRZkqR1dwhqMFc9tM1FTMT2qqr81IAl7bXwQ2+WhZ/oTVbsyapdtRsfuRE7QLG9VayJ7bzeJEkg8oTMai4M967TysFBSzW+',
    'vW21T3zzvazF3mvZHnJiq4cWO3+iOq7vDRXK1voZ/KG0cDYpXNaqI9MVxTb8jzttXQJraNKh1HFVOYkSqmLmtz8V4vchRaq6',
    'JqMrqhyTMlmRURrpM5qsa5iI5ETixxQ14Mzy+sz45X/8Wjw0a4Zq4ca/IhNbwz3PyaCpbS2+OBIGOlYrsWtVF9nEqqh7Pv8A',
    'TQOuElPUuctVWNcxrUc3NYnG7HYu1NmAExPDTtq6em0qMifLp0Ysj8+SRXYJiqNVEbxpgRFnY+ovV/SaFZnOZI10cbsM5c/i',
    'RT6mUdPA+R0NVO9sdZnRsVz8Hwqm1Plgu3aaFTXUdJRXGOhqnzzVtRhpFRUVI0XOxxX2qq4ASdVDFFaUgqMnq1lLA5ZcVqE2',
    'KvHtKhMsbp5HQsVkauVWNVcVRMdiYkpaa5kdDdI6mdc6anzY0cqriuPEQ5BeKy6VNryTtElLo1z24OR7c5FTAyqqamfc8n7p',
    'DA2CSre1ZGNTBFXBFx7VIiPKWl1ZS0VVaGVPkyYNc+XZj78MDXqMpKmqu9LWzRM0dK5FjgYuaiJ+v9FFkymqq1jK6Nt3oGw5',
    'ip5MqppcFTanvxPSijiq8kKK3S4ItXG9sar7Hpi5P/hXbjfrbX6eR9jYlRK1U03lCqrVwwRcMPYa019kdaqCjhiWKSifntmR',
    '+OK7fZhs4wLY2GOhyUrrY1E0tPS58ypy3oqqn/bBOwjauqXJywWxbdDFpqtmkkmcxHKuxFw/9uwhqa/zR0lyiqI1nlr2ojpV',
    'fhm7FTiw28fyPWkyja22x0Nyt8VdFD6JXOzVb8scFA28qIoamy267thZDPUJmyoxMEds4+ztKsSt7vc12WJmiZBTwJhHCzia',
    'RRAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB//9k=',
  ].join(''),
  'base64',
);

/** Stores the demo photo under each key in the local S3 server (a few requests in flight at once). */
export async function storeDemoPhotos(
  endpoint: string,
  bucket: string,
  keys: readonly string[],
  inFlight = 8,
): Promise<void> {
  const s3 = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: LOCAL_S3_CREDENTIALS,
  });
  try {
    let next = 0;
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++] as string;
        await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: DEMO_PHOTO_JPEG,
            ContentType: 'image/jpeg',
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    s3.destroy();
  }
}
