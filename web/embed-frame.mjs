// embed.html: applies ?theme=light|dark|auto and ?compact to the element, for iframes.
import './embed.mjs';

const params = new URLSearchParams(window.location.search);
const element = document.querySelector('bounce-explainer');
const theme = params.get('theme');
if (element && theme && /^(light|dark|auto)$/.test(theme)) element.setAttribute('theme', theme);
if (element && params.has('compact')) element.setAttribute('compact', '');
if (theme === 'dark') document.documentElement.classList.add('theme-dark');
if (theme === 'light') document.documentElement.classList.add('theme-light');
