import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/app/App';
import './ui/app/app.css';

const container = document.getElementById('root');
if (!container) throw new Error('netpol-studio: the page has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
