"""Follow-up for staff: what a document asks of others and whether it was done.

Reviews a resolution, directive or conclusion should have had and whether they were found
(`kg due`), the bodies it was sent to and what each issued acting on it (`kg followup`), and the
tasks plans set out with their deadlines (`kg tasks`). Each module answers from the graph (and,
for text, from the sentences the graph keeps as evidence), so the answers hold on a SPARQL
endpoint as on the embedded store.
"""
