//! Settings → Team members: the list owners are picked from (name, initials, colour),
//! the owners found in the data that are not on it, and, when signed in to the team
//! server, adding oneself.

use crate::domain::model::team::member_named;
use crate::domain::model::TeamMember;
use crate::domain::Command;
use crate::state::use_app;
use crate::ui::components::when::When;
use crate::ui::format::money_format_untracked;
use leptos::prelude::*;

fn blank() -> TeamMember {
    TeamMember {
        name: String::new(),
        initials: String::new(),
        colour: String::new(),
        monthly_goal: None,
    }
}

#[component]
pub fn TeamMembersPanel() -> impl IntoView {
    let state = use_app();
    let team = Memo::new(move |_| state.workspace.with(|w| w.settings.team.clone()));
    let outside = Memo::new(move |_| state.workspace.with(|w| w.owners_not_in_team()));
    let new_member = RwSignal::new(blank());
    let error = RwSignal::new(None::<String>);
    let add = move |member: TeamMember| {
        state.dispatch_to(Command::AddTeamMember(member), "Add team member", error)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if add(new_member.get_untracked()) {
            new_member.set(blank());
        }
    };
    let me_missing = move || {
        state
            .team
            .user
            .get()
            .filter(|me| team.with(|t| member_named(t, me).is_none()))
    };
    view! {
        <section class="panel" aria-labelledby="team-members">
            <h2 id="team-members">"Team members"</h2>
            <p class="hint">"Owners of deals and leads are picked from this list; a name typed or imported in another case or without accents is matched to its member."</p>
            <div class="table-wrap">
                <table class="data-table">
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Initials"</th><th scope="col">"Colour"</th><th scope="col">"Monthly goal"</th><th scope="col">"Actions"</th></tr></thead>
                    <tbody>
                        <For each=move || team.get() key=|m| m.clone() let:member>
                            <MemberRow member=member error=error/>
                        </For>
                    </tbody>
                </table>
            </div>
            <form class="inline-form" on:submit=submit aria-label="Add a team member">
                <input type="text" aria-label="New member name" placeholder="Name" prop:value=move || new_member.with(|m| m.name.clone()) on:input=move |ev| new_member.update(|m| m.name = event_target_value(&ev))/>
                <input type="text" size="3" aria-label="New member initials" placeholder="Initials" prop:value=move || new_member.with(|m| m.initials.clone()) on:input=move |ev| new_member.update(|m| m.initials = event_target_value(&ev))/>
                <button type="submit" class="btn">"Add member"</button>
            </form>
            {move || me_missing().map(|me| {
                let name = me.clone();
                view! {
                    <p>{format!("You are signed in to the team server as {me}, who is not on the list. ")}
                        <button class="btn" on:click=move |_| { add(TeamMember { name: name.clone(), ..blank() }); }>{format!("Add {me}")}</button>
                    </p>
                }
            })}
            <When when=move || !outside.with(Vec::is_empty)>
                <div class="confirm" role="group" aria-label="Owners not on the team list">
                    <p>"Owners in your data who are not on the list (imported, or typed before the list existed):"</p>
                    <ul>
                        <For each=move || outside.get() key=|o| o.clone() let:owner>
                            {
                                let (name, count) = owner;
                                let adding = name.clone();
                                view! {
                                    <li>{format!("{name} — {count} record{} ", if count == 1 { "" } else { "s" })}
                                        <button class="btn" on:click=move |_| { add(TeamMember { name: adding.clone(), ..blank() }); }>{format!("Add {name}")}</button>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </div>
            </When>
            <When when=move || error.get().is_some()><p class="form-error" role="alert">{move || error.get()}</p></When>
        </section>
    }
}

#[component]
fn MemberRow(member: TeamMember, error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let name = member.name.clone();
    let form = RwSignal::new(member.clone());
    let fmt = money_format_untracked(&state);
    let goal = RwSignal::new(
        member
            .monthly_goal
            .map(|g| fmt.field(g))
            .unwrap_or_default(),
    );
    let save = {
        let name = name.clone();
        move |_| {
            let typed = goal.get_untracked();
            let monthly_goal = match typed.trim() {
                "" => None,
                text => match money_format_untracked(&state).parse(text) {
                    Ok(goal) => Some(goal),
                    Err(e) => return error.set(Some(format!("Monthly goal of {name}: {e}"))),
                },
            };
            let member = TeamMember {
                monthly_goal,
                ..form.get_untracked()
            };
            match state.dispatch(
                Command::EditTeamMember {
                    name: name.clone(),
                    member,
                },
                "Edit team member",
            ) {
                Ok(_) => {
                    error.set(None);
                    state.toast("Team member saved".into());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    };
    let remove = {
        let name = name.clone();
        move |_| {
            if state
                .run(
                    Command::RemoveTeamMember { name: name.clone() },
                    "Remove team member",
                )
                .is_some()
            {
                state.toast(format!("{name} is off the list; their deals and leads keep them as owner. Undo brings them back."));
            }
        }
    };
    view! {
        <tr data-testid="member-row" data-member=name.clone()>
            <td><input type="text" aria-label=format!("Name of {name}") prop:value=move || form.with(|m| m.name.clone()) on:input=move |ev| form.update(|m| m.name = event_target_value(&ev))/></td>
            <td><input type="text" size="3" aria-label=format!("Initials of {name}") prop:value=move || form.with(|m| m.initials.clone()) on:input=move |ev| form.update(|m| m.initials = event_target_value(&ev))/></td>
            <td><input type="color" aria-label=format!("Colour of {name}") prop:value=move || form.with(|m| m.colour.clone()) on:input=move |ev| form.update(|m| m.colour = event_target_value(&ev))/></td>
            <td><input type="text" inputmode="decimal" size="9" placeholder="none" aria-label=format!("Monthly goal of {name}") prop:value=goal on:input=move |ev| goal.set(event_target_value(&ev))/></td>
            <td><div class="actions">
                <button class="btn" on:click=save>"Save"</button>
                <button class="btn btn-danger" on:click=remove>"Remove"</button>
            </div></td>
        </tr>
    }
}
