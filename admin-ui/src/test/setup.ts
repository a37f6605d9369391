import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  if (typeof window === 'undefined') return; // node-environment suites (the КЕП module) have no DOM
  cleanup();
  window.localStorage.clear();
  document.documentElement.lang = 'uk';
  document.title = '';
});
