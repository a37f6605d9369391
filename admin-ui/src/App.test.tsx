import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { normalizePath } from './routes';

describe('App routing', () => {
  it('renders the not-found screen with a link home for an unknown path', async () => {
    render(<App path="/no/such/screen" />);

    const main = await screen.findByRole('main');
    expect(within(main).getByRole('heading', { level: 1, name: 'Сторінку не знайдено' })).toBeTruthy();
    expect(within(main).getByText('Page not found')).toBeTruthy();
    expect(within(main).getByRole('link', { name: 'На головну' }).getAttribute('href')).toBe('/');
    // the title is set in an effect after the screen commits; on a busy machine that can lag the first paint
    await waitFor(() => expect(document.title).toBe('Сторінку не знайдено — qrshare'));
  });

  it('reads the browser location when no path is given', async () => {
    window.history.pushState({}, '', '/cabinet-that-does-not-exist');
    try {
      render(<App />);
      expect(await screen.findByRole('heading', { level: 1, name: 'Сторінку не знайдено' })).toBeTruthy();
    } finally {
      window.history.pushState({}, '', '/');
    }
  });

  it('renders the landing page, not the not-found screen, at /', async () => {
    render(<App path="/" />);

    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByText('Сторінку не знайдено')).toBeNull();
    expect(screen.queryByText('Page not found')).toBeNull();
    expect(
      screen.getByRole('heading', { level: 1, name: 'Копії документів відвідувачів — за QR-кодом, без паперу' }),
    ).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('qrshare — обмін копіями документів через QR'));
  });

  it('treats /index.html and a trailing slash as the same screens', async () => {
    expect(normalizePath('/index.html')).toBe('/');
    expect(normalizePath('/')).toBe('/');
    expect(normalizePath('/branches/')).toBe('/branches');

    render(<App path="/index.html" />);
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByText('Сторінку не знайдено')).toBeNull();
  });

  it('does not mistake inherited object keys for routes', async () => {
    render(<App path="/constructor" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Сторінку не знайдено' })).toBeTruthy();
  });
});
