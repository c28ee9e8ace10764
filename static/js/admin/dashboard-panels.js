// Panels of the admin home that load after the page (incubator/kernel/dashboard.py): each
// placeholder names its panel's address; the panel's content takes the place of the
// placeholder's, inside the placeholder's own panel (whose collapse button Wagtail has
// already set up), which takes the panel's id so that links to it keep working. If it cannot
// be loaded (the server failed, the network, or the session ended and the answer is the
// login page), the placeholder says so and offers to try again.
async function loadPanel(container) {
  const section = container.closest("[data-panel]");
  const status = container.querySelector("[data-dashboard-panel-status]");
  const retry = container.querySelector("[data-dashboard-panel-retry]");
  retry.hidden = true;
  status.textContent = container.dataset.loading;
  container.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(container.dataset.dashboardPanel, {
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    });
    if (!response.ok || response.redirected) {
      throw new Error(`${response.status}`);
    }
    const template = document.createElement("template");
    template.innerHTML = await response.text();
    const panel = template.content.querySelector("[data-panel]");
    const content = panel.querySelector(".w-panel__content");
    section.id = panel.id;
    for (const anchor of section.querySelectorAll(".w-panel__anchor")) {
      anchor.href = `#${panel.id}`;
    }
    container.parentElement.replaceChildren(...content.childNodes);
  } catch {
    status.textContent = container.dataset.failed;
    container.setAttribute("aria-busy", "false");
    retry.hidden = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  for (const container of document.querySelectorAll("[data-dashboard-panel]")) {
    container
      .querySelector("[data-dashboard-panel-retry]")
      .addEventListener("click", () => loadPanel(container));
    loadPanel(container);
  }
});
