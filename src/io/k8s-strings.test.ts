import { describe, expect, it } from 'vitest';
import {
  isDns1123Label,
  isDns1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
} from './k8s-strings';

describe('k8s strings', () => {
  describe('isQualifiedName (label keys)', () => {
    it.each([
      'app',
      'App_1',
      'a.b-c',
      'example.com/MyName',
      'kubernetes.io/metadata.name',
      '1',
      'a'.repeat(63),
    ])('accepts %s', (key) => expect(isQualifiedName(key)).toEqual([]));

    it('rejects an empty key', () =>
      expect(isQualifiedName('')).toEqual(expect.arrayContaining(['name part must be non-empty'])));
    it('rejects a name part of 64 characters', () =>
      expect(isQualifiedName('a'.repeat(64))).toContain('name part must be no more than 63 characters'));
    it('rejects a name that starts or ends with a non-alphanumeric', () => {
      expect(isQualifiedName('-app')).toHaveLength(1);
      expect(isQualifiedName('app_')).toHaveLength(1);
      expect(isQualifiedName('__proto__')).toHaveLength(1);
    });
    it('rejects an empty prefix', () =>
      expect(isQualifiedName('/app')).toContain('prefix part must be non-empty'));
    it('rejects an uppercase prefix', () =>
      expect(isQualifiedName('Example.com/app')[0]).toMatch(/^prefix part a lowercase RFC 1123 subdomain/));
    it('rejects a prefix of 254 characters', () =>
      expect(isQualifiedName(`${'a'.repeat(254)}/x`)).toContain(
        'prefix part must be no more than 253 characters',
      ));
    it('rejects two slashes', () =>
      expect(isQualifiedName('a/b/c')[0]).toMatch(/^a qualified name must consist/));
    it('counts length in UTF-8 bytes, as Go does', () =>
      expect(isQualifiedName('é'.repeat(32)).length).toBeGreaterThan(1));
  });

  describe('isValidLabelValue', () => {
    it.each(['', 'web', 'v1.2_3-x', 'A'.repeat(63)])('accepts %j', (v) =>
      expect(isValidLabelValue(v)).toEqual([]),
    );
    it('rejects 64 characters', () =>
      expect(isValidLabelValue('a'.repeat(64))).toContain('must be no more than 63 characters'));
    it.each(['-a', 'a-', 'a b', 'a/b', 'é'])('rejects %j', (v) =>
      expect(isValidLabelValue(v).length).toBeGreaterThan(0),
    );
  });

  describe('names', () => {
    it('accepts DNS subdomains for objects', () => expect(isDns1123Subdomain('my-app.v1')).toEqual([]));
    it('rejects underscores and uppercase in object names', () => {
      expect(isDns1123Subdomain('my_app')).toHaveLength(1);
      expect(isDns1123Subdomain('MyApp')).toHaveLength(1);
    });
    it('rejects object names over 253 characters', () =>
      expect(isDns1123Subdomain('a'.repeat(254))).toContain('must be no more than 253 characters'));
    it('accepts DNS labels for namespaces', () => expect(isDns1123Label('team-a')).toEqual([]));
    it('rejects dots and 64 characters in namespaces', () => {
      expect(isDns1123Label('a.b')).toHaveLength(1);
      expect(isDns1123Label('a'.repeat(64))).toContain('must be no more than 63 characters');
    });
  });

  describe('isValidPortName (IANA_SVC_NAME)', () => {
    it.each(['http', 'web-8080', 'a1', 'x'.repeat(15)])('accepts %s', (n) =>
      expect(isValidPortName(n)).toEqual([]),
    );
    it('rejects 16 characters', () =>
      expect(isValidPortName('x'.repeat(16))).toContain('must be no more than 15 characters'));
    it('rejects uppercase', () =>
      expect(isValidPortName('HTTP')).toContain(
        'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      ));
    it('rejects a name without a letter', () =>
      expect(isValidPortName('8080')).toEqual(['must contain at least one letter (a-z)']));
    it('rejects consecutive hyphens', () =>
      expect(isValidPortName('a--b')).toEqual(['must not contain consecutive hyphens']));
    it('rejects a leading or trailing hyphen', () => {
      expect(isValidPortName('-ab')).toEqual(['must not begin or end with a hyphen']);
      expect(isValidPortName('ab-')).toEqual(['must not begin or end with a hyphen']);
    });
    it('rejects the empty name', () => expect(isValidPortName('').length).toBeGreaterThan(0));
  });

  describe('isValidPortNum', () => {
    it('accepts 1 and 65535', () => expect([isValidPortNum(1), isValidPortNum(65535)]).toEqual([true, true]));
    it('rejects 0, 65536 and fractions', () =>
      expect([isValidPortNum(0), isValidPortNum(65536), isValidPortNum(80.5)]).toEqual([
        false,
        false,
        false,
      ]));
  });
});
