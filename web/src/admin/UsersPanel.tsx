import { type FormEvent, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { Role } from '../api/types.ts';
import { useDesk } from '../app/desk-context.tsx';

export function UsersPanel() {
  const { users, reloadDirectory } = useDesk();
  const [message, setMessage] = useState<{ isError: boolean; text: string } | null>(null);

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    try {
      const created = await api.addUser({
        email: String(form.get('email')),
        name: String(form.get('name')),
        role: String(form.get('role')) as Role,
      });
      formElement.reset();
      setMessage({
        isError: false,
        text: created.generatedPassword
          ? `Added ${created.member.email}. Their password (shown once): ${created.generatedPassword}`
          : `Added ${created.member.email}.`,
      });
      reloadDirectory();
    } catch (failure) {
      setMessage({
        isError: true,
        text: failure instanceof ApiError ? failure.message : 'Could not add the user',
      });
    }
  };

  return (
    <section aria-labelledby="users-title" className="panel">
      <h2 id="users-title">Users</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{u.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={(event) => void add(event)} aria-labelledby="new-user-title">
        <h3 id="new-user-title">Add a user</h3>
        <label>
          Name
          <input name="name" required maxLength={200} />
        </label>
        <label>
          Email
          <input name="email" type="email" required />
        </label>
        <label>
          Role
          <select name="role" defaultValue="agent">
            <option value="agent">agent</option>
            <option value="supervisor">supervisor</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit" className="primary">
          Add user
        </button>
        {message ? (
          <p role={message.isError ? 'alert' : 'status'} className={message.isError ? 'error' : 'notice'}>
            {message.text}
          </p>
        ) : null}
      </form>
    </section>
  );
}
