import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import { LandingPage } from './LandingPage';

function section(headingName: string): HTMLElement {
  const heading = screen.getByRole('heading', { level: 2, name: headingName });
  const element = heading.closest('section');
  if (!element) throw new Error(`heading "${headingName}" is not inside a section`);
  return element;
}

describe('LandingPage', () => {
  it('renders its main heading inside <main>', () => {
    render(<LandingPage lang="uk" />);

    const main = screen.getByRole('main');
    const headings = within(main).getAllByRole('heading', { level: 1 });
    expect(headings).toHaveLength(1);
    expect(headings[0].textContent).toBe('Копії документів відвідувачів — за QR-кодом, без паперу');
  });

  it('lists the partner steps as a numbered list, in order', () => {
    render(<LandingPage lang="uk" />);

    const list = within(section('Як почати')).getByRole('list', { name: 'Як почати' });
    expect(list.tagName).toBe('OL');
    const steps = within(list)
      .getAllByRole('listitem')
      .map((item) => within(item).getByRole('heading', { level: 3 }).textContent);
    expect(steps).toEqual([
      'Увійдіть за допомогою КЕП',
      'Заповніть профіль',
      'Підпишіть заяву про приєднання до оферти',
      'Додайте відділення',
      'Додайте послуги',
      'Завантажте та розмістіть QR-код',
    ]);
    expect(list.textContent).toContain('паспортні дані керівника');
    expect(list.textContent).toContain('SVG або PDF-плакат для друку');
  });

  it('states how long a QR code is valid and that it must be reissued after an address change', () => {
    render(<LandingPage lang="uk" />);

    const start = section('Як почати');
    expect(within(start).getByRole('heading', { name: 'QR-код діє 180 днів' })).toBeTruthy();
    expect(within(start).getByRole('heading', { name: 'Змінилася адреса — перевипустіть код' })).toBeTruthy();
  });

  it('names all eight document types that can be requested', () => {
    render(<LandingPage lang="uk" />);

    const list = within(section('Які документи можна запитати')).getByRole('list', {
      name: 'Які документи можна запитати',
    });
    const titles = within(list)
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(titles).toEqual([
      'Паспорт громадянина України у формі ID-картки',
      'Паспорт громадянина України для виїзду за кордон (закордонний паспорт)',
      'Картка платника податків (РНОКПП)',
      'Довідка про взяття на облік внутрішньо переміщеної особи (довідка ВПО)',
      'Свідоцтво про народження',
      'Студентський квиток',
      'Посвідчення водія',
      'Свідоцтво про реєстрацію транспортного засобу',
    ]);
  });

  it('links developers to the OpenAPI description', () => {
    render(<LandingPage lang="uk" />);

    const link = within(section('Розробникам та інтеграторам')).getByRole('link', { name: 'Опис API (OpenAPI 3.1)' });
    expect(link.getAttribute('href')).toBe('/api/v1/openapi.yaml');
  });

  it('describes verifying a .p7s copy and links to the verify page', () => {
    render(<LandingPage lang="uk" />);

    const copies = section('Що отримує організація і як перевірити копію');
    expect(within(copies).getByRole('heading', { level: 3, name: 'Перевірка підпису' })).toBeTruthy();
    expect(copies.textContent).toContain('.p7s');
    expect(within(copies).getByRole('link', { name: 'Перевірити копію' }).getAttribute('href')).toBe('/verify');
  });

  it('links only to in-page sections, the home page, the cabinet, the verify page and the OpenAPI description', async () => {
    render(<App path="/" />);
    await screen.findByRole('heading', { level: 1 });

    const hrefs = screen.getAllByRole('link').map((link) => link.getAttribute('href') ?? '');
    const targets = hrefs.filter((href) => href.startsWith('#')).map((href) => href.slice(1));
    for (const id of targets) {
      expect(document.getElementById(id), `#${id} exists`).not.toBeNull();
    }
    const elsewhere = new Set(hrefs.filter((href) => !href.startsWith('#')));
    expect([...elsewhere].sort()).toEqual(['/', '/api/v1/openapi.yaml', '/cabinet', '/verify']);
  });

  it('switches to English and back, and marks the document language', async () => {
    render(<App path="/" />);
    await screen.findByRole('heading', { level: 1 });

    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'Copies of visitors’ documents — by QR code, without paper',
    );
    expect(document.documentElement.lang).toBe('en');
    expect(within(section('Which documents can be requested')).getAllByRole('listitem')).toHaveLength(8);

    fireEvent.click(screen.getByRole('button', { name: 'Українська' }));
    expect(document.documentElement.lang).toBe('uk');
    expect(screen.getByRole('heading', { level: 2, name: 'Як почати' })).toBeTruthy();
  });
});
