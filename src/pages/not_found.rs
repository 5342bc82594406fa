use crate::app::route::A;
use crate::components::screen_heading::ScreenHeading;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="not-found">
            <ScreenHeading text=t_string!(i18n, not_found_title) />
            <p>{t_string!(i18n, not_found_body)}</p>
            <A href="/">{t_string!(i18n, go_to_accounts)}</A>
        </section>
    }
}
