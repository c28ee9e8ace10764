// Panels of the admin home that load after the page (incubator/kernel/dashboard.py): each
// placeholder names its panel's address; the panel's content takes the place of the
// placeholder's, inside the placeholder's own panel (whose collapse button Wagtail has
// already set up), which takes the panel's ids so that links to it work, a link to it in the
// address included. If the panel cannot be loaded (the server failed, or the network), the
// placeholder says so and offers to try again; if the session has ended (the answer is the
// login page), it asks to reload the page to log in again.
const LINKING_ATTRIBUTES = ["id", "href", "aria-labelledby", "aria-controls", "aria-describedby"];

function takeIds(section, panel) {
  const from = section.id.replace(/-section$/, "");
  const to = panel.id.replace(/-section$/, "");
  for (const element of [section, ...section.querySelectorAll("*")]) {
    for (const name of LINKING_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value && value.includes(from)) {
        element.setAttribute(name, value.replaceAll(from, to));
      }
    }
  }
}

// The panel the address links to (#dashboard-…-section), brought into view again after each
// panel loads: those above it grow as they load, and would push it away.
function showLinkedPanel() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (target && target.matches("[data-panel]") && !target.querySelector("[data-dashboard-panel]")) {
    target.scrollIntoView();
  }
}

async function loadPanel(container, { retried = false } = {}) {
  const section = container.closest("[data-panel]");
  const status = container.querySelector("[data-dashboard-panel-status]");
  const retry = container.querySelector("[data-dashboard-panel-retry]");
  retry.hidden = true;
  status.textContent = container.dataset.loading;
  container.setAttribute("aria-busy", "true");
  let response;
  try {
    response = await fetch(container.dataset.dashboardPanel, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
  } catch {
    response = null;
  }
  if (response && response.ok && !response.redirected) {
    const template = document.createElement("template");
    template.innerHTML = await response.text();
    const panel = template.content.querySelector("[data-panel]");
    if (panel) {
      takeIds(section, panel);
      container.parentElement.replaceChildren(
        ...panel.querySelector(".w-panel__content").childNodes,
      );
      showLinkedPanel();
      return;
    }
  }
  container.setAttribute("aria-busy", "false");
  if (response && response.redirected) {
    status.textContent = container.dataset.expired;
    return;
  }
  status.textContent = container.dataset.failed;
  retry.hidden = false;
  if (retried) {
    retry.focus();
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const container of document.querySelectorAll("[data-dashboard-panel]")) {
    container
      .querySelector("[data-dashboard-panel-retry]")
      .addEventListener("click", () => loadPanel(container, { retried: true }));
    loadPanel(container);
  }
});
