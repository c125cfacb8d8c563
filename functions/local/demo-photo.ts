import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { LOCAL_S3_CREDENTIALS } from './s3-local.js';

/**
 * The demo's one photo: a 240×180 JPEG (3.3 KB, drawn once in Chromium: a wall with a window and a notice
 * board, a counter, and the words 示例照片 DEMO, so nobody takes it for a real outlet's picture). The
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
    'AxEB/8QAGwABAAIDAQEAAAAAAAAAAAAAAAUGAgQHAwH/xABDEAABAwIBBQsKBQQBBQAAAAAAAQIDBAUREhMVIdEGFBYxUlNU',
    'kqGj4TM2QVVhY5SissEiUXWBgjVCQ/CRIyVxk7H/xAAYAQEBAQEBAAAAAAAAAAAAAAAAAQIEA//EACIRAQABBAEFAQEBAAAA',
    'AAAAAAABAhESURMDFDGB8CEyQf/aAAwDAQACEQMRAD8AvwAMNAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAGpv3',
    '3fzG2eFs/wAv7fcg89++7+Yb9938xJgthGb9938w377v5iTAsIzfvu/mG/fd/MSYFhGb9938xlFVZyRGZGGPpxJEjpP6mv8A',
    'v9pBsgAoAADUuNfHb4o5JIpZc5IkbWxNynK5ccNWPsNbTD/U12+G8Re/KWr9Qh+5ZCxCK3ph/qa7fDeI0w/1NdvhvEsgLaC6',
    't6Yf6mu3w3iNMP8AU12+G8SyAWguremH+prt8N4jTD/U12+G8SyAWguhLdXx3CKSSOKWLNyLG5srclyOTDHVj7TbIuyeUuv6',
    'hN9iUMyoAAAAAAAAeFs/y/t9z3PC2f5f2+5BvgA0gAAAAAEdJ/U1/wB/tJEjpP6mv+/2klYbIAAAACLvflLV+oQ/cshW735S',
    '1fqEP3LIajwkgAKgAAAAArdk8pdf1Cb7EoRdk8pdf1Cb7EoYnyoAAoAAAAAHhbP8v7fc9zQpane+V+DKysPTgQS4NDSPufm8',
    'BpH3PzeBblm+DQ0j7n5vAaR9z83gLlm+DQ0j7n5vAaR9z83gLlm+R0n9TX/f7TLSPufm8DxZJnq5JMMMfRj7CTI3QAUAABF3',
    'vylq/UIfuWQrV+zjWUM0cEs2ZrI5XNiZlOyUxVdRs8JWeqLt8N4moSU4CD4Ss9UXb4bxHCVnqi7fDeJUTgIPhKz1RdvhvEcJ',
    'WeqLt8N4gTgIPhKz1RdvhvEcJWeqLt8N4ga9k8pdf1Cb7EoRVhzjmV00kEsOerJJWtlZkuyVwVNRKmJUAAUAAAAjN0dVPRWO',
    'oqaV+RKzJyXYIuGLkTiX2KSfxaaZqqimP9SYOacKr303umbBwqvfTe6ZsMckOzsepuPvTpYOacKr303umbBwqvfTe6ZsHJB2',
    'PU3H3p0sHNOFV76b3TNg4VXvpvdM2Dkg7Hqbj706WDmnCq99N7pmwcKr303umbByQdj1Nx96dLBzThVe+m90zYOFV76b3TNg',
    '5IOx6m4+9Olg5pwqvfTe6ZsHCq99N7pmwckHY9TcfenSwc04VXvpvdM2DhVe+m90zYOSDsepuPvTpYOacKr303umbBwqvfTe',
    '6ZsHJB2PU3H3p0sHNOFV76b3TNg4VXvpvdM2Dkg7Hqbj706WDmnCq99N7pmwcKr303umbByQdj1Nx96dLBzThVe+m90zYOFV',
    '76b3TNg5IOx6m4+9OlgjNzlVPW2Onqap+XK/KynYImODlTiT2ISZuP1x1UzTVNM/4AAqAAAERuqRHbnapF4vwfW0lyJ3U+b1',
    'V/D60M1eJao/Koc6zTOT2jNM5PaZg5ndyVbYZpnJ7RmmcntMwDkq2wzTOT2jNM5PaZgHJVthmmcntGaZye0zAOSrbDNM5PaM',
    '0zk9pmAclW2GaZye0ZpnJ7TMA5KtsM0zk9ozTOT2mYByVbYZpnJ7RmmcntMwDkq2wzTOT2jNM5PaZgHJVthmmcntGaZye0zA',
    'OSrbDNM5PaM0zk9pmAclW3QdyqI3c7SonF+P63EuRO5bzepf5/WpLHTT4hw1/tUgANMgAAETup83qr+H1oSxE7qfN6q/h9aG',
    'avErT/UOegA5nYAAAAAAAAAAAAAAAAAAAAAAAAAADoW5bzepf5/WpLETuW83qX+f1qSx00+IcdX9SAA0gCABLlk+RO6nzeqv',
    '4fWhrGtcad9VRSQRq1HOwwV3FqVFJPhqn8mFPBK6Aq+cg6y7BoCr5yDrLsPDGXTnTtFAldAVfOQdZdg0BV85B1l2DGTOnaKB',
    'K6Aq+cg6y7BoCr5yDrLsGMmdO0UCV0BV85B1l2DQFXzkHWXYMZM6dooEroCr5yDrLsGgKvnIOsuwYyZ07RQJXQFXzkHWXYNA',
    'VfOQdZdgxkzp2igSugKvnIOsuwaAq+cg6y7BjJnTtFAldAVfOQdZdg0BV85B1l2DGTOnaKBK6Aq+cg6y7BoCr5yDrLsGMmdO',
    '0UCV0BV85B1l2DQFXzkHWXYMZM6dooEroCr5yDrLsGgKvnIOsuwYyZ07W3ct5vUv8/rUlir26nfS0UcEitVzccVbxa1VTZPe',
    'PDmq/ZlPggAW7NgAEUAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAUIGrJdfQUICxdfQUICxdfQUI9IoZZlVIYnyYceS1',
    'VwFi68gpW8azos//AK1PtFQVVfOsFJEskjWq5Wpq1ILF10BUJ7PcqdiPnopo2qqNRXNwTFT6yzXOSWWOOile6F2S9Gpjkr+W',
    'oWLrcCqaBu/q6o6ims2gq3PqGJA5HUzVdKi6lYiceIsXXQFJdSTso2Vjo8IJHqxrsU1qnGmHGeAsXX0FCAsXX0FCAsXX0FCA',
    'sXX0FCAsXX0FCAsXX0FCAsXX0FCAsXAAVAAAAAAJ/c5msiVI6u4Q1GCue2maipkJ6VVV9qkAS9tr4IbfLQs/6E1W7ImqXa0b',
    'H+SInaBY3qrWRPbebxIkkG+EyGouDPzXWeVgoKWa31622qe+ed7WYu/C9keUmKrhxY6/+COq7vDRXK1voZ98No4GxSua1UR6',
    'Yrimv2HnbaugTS0aVDqOKqcxIlVMXNbl4rxfkhRaq6JqMrqhyTMlmRURrpMpqsa5iI5ETixxQ14Mjf8AWZccr/8Au0eGbXDJ',
    'XDjX2EJpeGe572gqW0tvjgSBjpWK7FrVRfRxKqoez7/TQOuElPUuctVWNcxrUc3JYnG7HUutNWAExPDTtq6emzqMifLn0Ysj',
    '8uSRXYJiqNVEbxpgRFnY+ovV/SaFZnOZI10cbsMpcviRT6m6OngfI6Gqne2Osyo2K5+D4VTWnswXXrNCprqOkorjHQ1T55q2',
    'owzioqKkaLlY4r6VVcAJOqhiitKQVG56tZSwOWXFahNSrx6yoTLG6eR0LFZGrlVjVXFUTHUmJKWmuZHQ3SOpnXKmp8mNHKq4',
    'rjxEOQXisulTa9ydokpc2uW3ByPblIqYGVVTUz7nufukMDYJKt7VkY1MEVcEXHtUiI90tLoyloqq0Mqd7Jg1z5dWP54YGvUb',
    'pKmqu9LWzRMzdK5FjgYuSiJ/5/4KLJumqq1jK6Nt3oGw5CpvZVTO4KmtPzxPSijiq9yFFbpcEWrje2NV9D0xcn/wrtxv1tr8',
    '/I+xsSolaqZ7fCqrVwwRcMPQa019kdaqCjhiWKSifltmR+OK6/Rhq4wLY2GOh3KV1saiZ2npcuZU5b0VVT9sE7CNq6pdzlgt',
    'i26GLPVbM5JM5iOVdSLh83YQ1Nf5o6S5RVEazy17UR0qvwydSpxYa+P2HrSbo2ttsdDcrfFXRQ+SVzslW+zHBQNvdRFDU2W3',
    'XdsLIZ6hMmVGJgjtXH2dpViVvd7muyxMzTIKeBMI4WcTSKIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAP',
    '/9k=',
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
