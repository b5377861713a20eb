import { describe, expect, it } from 'vitest';
import { hmacSha256Base64, hmacSha256Hex, singleHeader, timingSafeEqualStr } from './signing.ts';

describe('HMAC helpers', () => {
  it('match RFC 4231 test case 2', () => {
    expect(hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('reproduce the X CRC vector from the shared webhook notes', () => {
    // signature_test_vectors.txt: consumer secret and crc_token are dummies, restated here.
    const token = hmacSha256Base64('dummy_consumer_secret_for_tests', '9b4507b3-9040-4669-9ca3-6b94edb50553');
    expect(`sha256=${token}`).toBe('sha256=wAWVhPFiyOQqYZyhdCZOeCC80rWf+pL5QoiQa+uACeY=');
  });

  it('match vectors computed independently with openssl over a raw body', () => {
    // printf '%s' "$BODY" | openssl dgst -sha256 -hmac meta-app-secret-fixture [-binary | base64]
    const body = Buffer.from('{"object":"page","entry":[{"id":"1","time":1,"messaging":[]}]}');
    expect(hmacSha256Hex('meta-app-secret-fixture', body)).toBe(
      '200153c017564c71aac987e0ed0bd2f35c268b6c72a271605ca080acdde94884',
    );
    expect(hmacSha256Base64('x-consumer-secret-fixture', body)).toBe(
      'EthPA1SenNbX40TNehHQ/mi3fZTMlGm45FUDE6xyLZc=',
    );
  });
});

describe('timingSafeEqualStr', () => {
  it('is true only for identical strings', () => {
    expect(timingSafeEqualStr('sha256=abc', 'sha256=abc')).toBe(true);
    expect(timingSafeEqualStr('sha256=abc', 'sha256=abd')).toBe(false);
    expect(timingSafeEqualStr('', '')).toBe(true);
  });

  it('does not throw on different lengths or non-ASCII input', () => {
    expect(timingSafeEqualStr('short', 'a much longer string')).toBe(false);
    expect(timingSafeEqualStr('é', 'e')).toBe(false);
  });
});

describe('singleHeader', () => {
  it('reads headers case-insensitively and treats a repeated header as absent', () => {
    expect(singleHeader({ 'X-Hub-Signature-256': 'sha256=1' }, 'x-hub-signature-256')).toBe('sha256=1');
    expect(singleHeader({ 'x-hub-signature-256': ['a', 'b'] }, 'x-hub-signature-256')).toBeUndefined();
    expect(singleHeader({ 'x-hub-signature-256': ['a'] }, 'x-hub-signature-256')).toBe('a');
    expect(singleHeader({}, 'x-hub-signature-256')).toBeUndefined();
  });
});
